/**
 * Slows down password guessing: failed sign-ins are counted per user name and per client address
 * in a fixed window; once either count reaches the limit, further attempts are refused until the
 * window ends, whether the password would have been right or not.
 */
import type { Clock } from '../../core/clock.js';

interface Window {
  failures: number;
  resetAt: number;
}

export class LoginLimiter {
  readonly #windows = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly attempts: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfterMs(user: string, address: string): number {
    const now = this.clock.now();
    let wait = 0;
    for (const key of keys(user, address)) {
      const window = this.#windows.get(key);
      if (!window) continue;
      if (now >= window.resetAt) {
        this.#windows.delete(key);
      } else if (window.failures >= this.attempts) {
        wait = Math.max(wait, window.resetAt - now);
      }
    }
    return wait;
  }

  /** Counts a failed attempt. */
  failed(user: string, address: string): void {
    const now = this.clock.now();
    for (const key of keys(user, address)) {
      const window = this.#windows.get(key);
      if (!window || now >= window.resetAt) {
        this.#windows.set(key, { failures: 1, resetAt: now + this.windowMs });
      } else {
        window.failures += 1;
      }
    }
  }

  /** Forgets the user's failures after a successful sign-in (the address keeps its count). */
  succeeded(user: string): void {
    this.#windows.delete(`user:${user.toLowerCase()}`);
  }
}

function keys(user: string, address: string): string[] {
  return [`user:${user.toLowerCase()}`, `addr:${address}`];
}
