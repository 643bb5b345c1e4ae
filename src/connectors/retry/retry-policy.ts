/**
 * Exponential backoff with full jitter: before retry n the wait is drawn uniformly from
 * [0, min(maxDelay, baseDelay·2ⁿ)). A server's `Retry-After` replaces the draw (plus up to 10 %
 * jitter, at most a second, so a crowd of clients does not return in step). 429s answered with
 * `Retry-After` do not use up attempts, only the total-delay budget: the server said when to
 * come back, and a storm should not fail a sync that is within its time budget.
 */
import type { HrflowError } from '../../core/errors.js';
import type { ResolvedRetry } from '../spec/resolved-source.js';

/** The state of one request's retries. */
export interface RetryState {
  /** Failed attempts so far that count against `maxAttempts`. */
  readonly attempts: number;
  /** Milliseconds already spent waiting between attempts. */
  readonly waitedMs: number;
}

export interface RetryDecision {
  readonly retry: boolean;
  readonly delayMs: number;
  /** Whether this failure counts against the attempt budget. */
  readonly counts: boolean;
}

export interface RetryPolicy {
  /** What to do after `error`, given the retries so far. */
  decide(error: HrflowError & { readonly retryAfterMs?: number }, state: RetryState): RetryDecision;
}

export function exponentialBackoff(config: ResolvedRetry, random: () => number): RetryPolicy {
  return {
    decide(error, state) {
      if (!error.retryable) return { retry: false, delayMs: 0, counts: true };
      const serverSaid = error.retryAfterMs;
      const counts = !(error.code === 'source-rate-limited' && serverSaid !== undefined);
      const delayMs =
        serverSaid !== undefined
          ? serverSaid + random() * Math.min(1_000, serverSaid * 0.1)
          : random() * Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** state.attempts);
      const attempts = state.attempts + (counts ? 1 : 0);
      const retry =
        attempts < config.maxAttempts && state.waitedMs + delayMs <= config.maxTotalDelayMs;
      return { retry, delayMs: Math.round(delayMs), counts };
    },
  };
}
