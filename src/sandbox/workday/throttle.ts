/**
 * A token bucket per tenant. Workday publishes no limits, but real responses carry
 * `wd-ratelimit-tokens-remaining` (about 7,200 in recorded traffic); the simulator reports the
 * bucket there and answers 429 with `Retry-After` when it runs dry.
 */
import type { Clock } from '../../core/clock.js';

export class TokenBucket {
  #tokens: number;
  #updatedMs: number;

  constructor(
    readonly capacity: number,
    readonly refillPerSecond: number,
    readonly clock: Clock,
  ) {
    this.#tokens = capacity;
    this.#updatedMs = clock.now();
  }

  /** Takes one token; returns what is left, or the seconds to wait when none is. */
  take(): {
    readonly allowed: boolean;
    readonly remaining: number;
    readonly retryAfterSeconds: number;
  } {
    const now = this.clock.now();
    this.#tokens = Math.min(
      this.capacity,
      this.#tokens + ((now - this.#updatedMs) / 1000) * this.refillPerSecond,
    );
    this.#updatedMs = now;
    if (this.#tokens < 1) {
      const wait = Math.ceil((1 - this.#tokens) / Math.max(this.refillPerSecond, 1e-9));
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, wait) };
    }
    this.#tokens -= 1;
    return { allowed: true, remaining: Math.floor(this.#tokens), retryAfterSeconds: 0 };
  }
}
