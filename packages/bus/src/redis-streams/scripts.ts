// Lua scripts: each runs atomically on the server, so a check and its write cannot interleave.

/** Fixes a topic's partition count on first use; later callers get the stored count. */
export const PARTITIONS = `
redis.call('HSETNX', KEYS[1], 'partitions', ARGV[1])
return redis.call('HGET', KEYS[1], 'partitions')`;

/** Records a heartbeat (server clock), drops members silent for ARGV[2] ms, returns the live ones. */
export const HEARTBEAT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/** Extends a lease only while its holder is ARGV[1]; 0 means the lease was lost. */
export const RENEW_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

/** Deletes a lease only while its holder is ARGV[1]. */
export const RELEASE_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Removes the stream group's consumers (except ARGV[2]) that hold no pending entries, so
 * names of stopped or crashed processes do not pile up. Never drops a pending entry.
 */
export const FORGET_IDLE_CONSUMERS = `
for _, c in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
  local name, pending
  for i = 1, #c, 2 do
    if c[i] == 'name' then name = c[i + 1] elseif c[i] == 'pending' then pending = c[i + 1] end
  end
  if pending == 0 and name ~= ARGV[2] then redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], name) end
end
return 0`;

/**
 * Counts a stream's entries after id ARGV[1], in pages on the server: the lag of a group when
 * XINFO GROUPS cannot tell it (Redis 6.2, or entries deleted from the stream).
 */
export const COUNT_AFTER = `
local n, from = 0, '(' .. ARGV[1]
while true do
  local page = redis.call('XRANGE', KEYS[1], from, '+', 'COUNT', 1000)
  n = n + #page
  if #page < 1000 then return n end
  from = '(' .. page[#page][1]
end`;
