import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// A per-robot rate limit shared by every instance: a sliding window in Redis (one sorted
// set per robot, one Lua script per take). 企业微信 and 钉钉 allow 20 messages a minute per
// robot; a delivery over the limit waits (its job is delayed, no attempt spent).

const TAKE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + tonumber(ARGV[2]) - tonumber(ARGV[1])
`;

export interface RateLimiter {
  /** Takes a slot for the robot at `address`: 0 when sent now is fine, else milliseconds to wait. */
  take(address: string): Promise<number>;
}

export function createRateLimiter(
  redis: Redis,
  {
    prefix,
    limit = 20,
    windowMs = 60_000,
    now = () => Date.now(),
  }: { prefix: string; limit?: number; windowMs?: number; now?: () => number },
): RateLimiter {
  return {
    async take(address) {
      // Keyed by the robot's URL (its key), whichever channels point at it.
      const robot = createHash('sha256').update(address).digest('base64url').slice(0, 22);
      const wait = await redis.eval(TAKE, 1, `${prefix}:rate:${robot}`, now(), windowMs, limit, randomUUID());
      return Math.max(0, Number(wait));
    },
  };
}
