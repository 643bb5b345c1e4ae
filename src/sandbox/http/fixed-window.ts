/**
 * A fixed-window request budget per key, as Greenhouse documents it: windows start at multiples
 * of the window length on the wall clock, and the budget resets at the window boundary.
 */
import type { Clock } from '../../core/clock.js';

export interface WindowDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Epoch seconds at which the current window ends. */
  readonly resetEpochSeconds: number;
  /** Whole seconds until the window ends, at least 1. */
  readonly retryAfterSeconds: number;
}

export class FixedWindowBudget {
  readonly #used = new Map<string, { window: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    readonly clock: Clock,
  ) {}

  /** Spends one request of `key`'s budget if any is left. */
  take(key: string): WindowDecision {
    const now = this.clock.now();
    const windowMs = this.windowSeconds * 1000;
    const window = Math.floor(now / windowMs);
    const entry = this.#used.get(key);
    const count = entry && entry.window === window ? entry.count : 0;
    const allowed = count < this.limit;
    const used = allowed ? count + 1 : count;
    this.#used.set(key, { window, count: used });
    const resetMs = (window + 1) * windowMs;
    return {
      allowed,
      limit: this.limit,
      remaining: Math.max(0, this.limit - used),
      resetEpochSeconds: Math.ceil(resetMs / 1000),
      retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now) / 1000)),
    };
  }
}
