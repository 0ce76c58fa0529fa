import { RateLimiterMemory } from 'rate-limiter-flexible';

// Sign-in attempts that failed, counted per account and per address, so that guessing a
// password is slow whoever tries it. Only failures count; a success clears the account's.
// Kept in the process: with several leads instances each counts its own (a shared Redis
// limiter is the way at scale).

const WINDOW_SECONDS = 15 * 60;
export const FAILURES_PER_ACCOUNT = 5;
export const FAILURES_PER_ADDRESS = 20;

export class SignInThrottle {
  readonly #byAccount = new RateLimiterMemory({
    points: FAILURES_PER_ACCOUNT,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
  });
  readonly #byAddress = new RateLimiterMemory({
    points: FAILURES_PER_ADDRESS,
    duration: WINDOW_SECONDS,
    blockDuration: WINDOW_SECONDS,
  });

  /** Seconds to wait before this account may try again from this address, or 0. */
  async waitSeconds(username: string, address: string): Promise<number> {
    const [account, from] = await Promise.all([this.#byAccount.get(username), this.#byAddress.get(address)]);
    const blocked = [account, from].filter((r) => r !== null && r.remainingPoints <= 0);
    return Math.ceil(Math.max(0, ...blocked.map((r) => r?.msBeforeNext ?? 0)) / 1000);
  }

  async failed(username: string, address: string): Promise<void> {
    // consume rejects once the points are spent (the key is then blocked): that is the point.
    await Promise.allSettled([this.#byAccount.consume(username), this.#byAddress.consume(address)]);
  }

  async succeeded(username: string): Promise<void> {
    await this.#byAccount.delete(username);
  }
}
