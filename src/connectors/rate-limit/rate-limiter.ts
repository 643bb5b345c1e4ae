/**
 * A token bucket per source and credential, sized from the spec and corrected from response
 * headers. Two refill styles:
 *
 * - `window`: the server counts requests in fixed windows and reports `remaining` and `reset`
 *   (Greenhouse: 30 s). The bucket refills whole when the window resets. The first request of a
 *   new window is a probe: the others wait for its response, which tells the true budget and the
 *   next reset, so clock skew or another client on the same credential costs one round trip
 *   instead of a 429 storm.
 * - `continuous`: tokens drip back at `requests / window` up to `requests`, and a
 *   `remaining` header (Workday's `wd-ratelimit-tokens-remaining`) can only lower them.
 *
 * With `spread`, requests leave evenly over what is left of the window rather than in a burst.
 * A 429 empties the bucket until `Retry-After` has passed.
 */
import type { Clock } from '../../core/clock.js';
import type { ResolvedRateLimit } from '../spec/resolved-source.js';

export interface RateLimiter {
  /** Waits for a token; resolves to the milliseconds spent waiting. */
  acquire(): Promise<number>;
  /**
   * Reports how the request that took the last token ended: the response headers, or undefined
   * when no response came. Called exactly once per `acquire`.
   */
  settle(headers: Readonly<Record<string, string>> | undefined): void;
  /** The server said 429: nothing more until `retryAfterMs` from now. */
  rateLimited(retryAfterMs: number): void;
  /** What the server last reported as remaining, for the API call log. */
  readonly lastRemaining: number | undefined;
}

/** Buckets shared by every stream of one source and credential within a process. */
export class RateLimiterRegistry {
  readonly #limiters = new Map<string, RateLimiter>();

  get(key: string, create: () => RateLimiter): RateLimiter {
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = create();
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }
}

export function createRateLimiter(config: ResolvedRateLimit, clock: Clock): RateLimiter {
  return config.refill === 'window'
    ? new WindowBucket(config, clock)
    : new ContinuousBucket(config, clock);
}

class WindowBucket implements RateLimiter {
  #limit: number;
  #tokens: number;
  /** End of the current window in clock milliseconds; undefined until known. */
  #resetAt: number | undefined;
  /** True once a response has confirmed the current window's budget. */
  #confirmed: boolean;
  #probing = false;
  #nextSlotAt = 0;
  #pausedUntil = 0;
  #waiters: (() => void)[] = [];
  #silentResponses = 0;
  lastRemaining: number | undefined;

  constructor(
    private readonly config: ResolvedRateLimit,
    private readonly clock: Clock,
  ) {
    this.#limit = config.requests;
    this.#tokens = config.requests;
    this.#resetAt = undefined;
    this.#confirmed = config.resetHeader === undefined;
  }

  async acquire(): Promise<number> {
    const started = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      if (now < this.#pausedUntil) {
        await this.clock.sleep(this.#pausedUntil - now);
        continue;
      }
      if (this.#resetAt !== undefined && now >= this.#resetAt) this.#newWindow(now);
      if (this.#resetAt === undefined && this.#confirmed) {
        this.#resetAt = now + this.config.windowMs;
      }
      if (!this.#confirmed && this.#probing) {
        await new Promise<void>((resolve) => this.#waiters.push(resolve));
        continue;
      }
      if (this.#tokens < 1) {
        await this.clock.sleep(Math.max(1, (this.#resetAt ?? now + this.config.windowMs) - now));
        continue;
      }
      if (this.config.spread && this.#confirmed && this.#resetAt !== undefined) {
        if (this.#nextSlotAt > now) {
          await this.clock.sleep(this.#nextSlotAt - now);
          continue;
        }
        this.#nextSlotAt = now + (this.#resetAt - now) / this.#tokens;
      }
      this.#tokens -= 1;
      if (!this.#confirmed) this.#probing = true;
      return this.clock.now() - started;
    }
  }

  settle(headers: Readonly<Record<string, string>> | undefined): void {
    const now = this.clock.now();
    const limit = intHeader(headers, this.config.limitHeader);
    const remaining = intHeader(headers, this.config.remainingHeader);
    const reset = resetHeader(headers, this.config, now);
    if (limit !== undefined && limit > 0) this.#limit = limit;
    if (remaining !== undefined) this.lastRemaining = remaining;

    if (reset !== undefined && remaining !== undefined) {
      // Reset values are whole seconds: within a second of what we hold is the same window.
      if (this.#resetAt === undefined || reset > this.#resetAt + 1_000) {
        this.#resetAt = reset;
        this.#tokens = remaining;
        this.#nextSlotAt = now;
      } else if (reset >= this.#resetAt - 1_000) {
        this.#tokens = Math.min(this.#tokens, remaining);
      }
      this.#confirmed = true;
    } else if (remaining !== undefined) {
      this.#tokens = Math.min(this.#tokens, remaining);
      this.#confirmed = true;
    } else if (headers !== undefined && !this.#confirmed && ++this.#silentResponses >= 3) {
      // The server does not report its window after all: fall back to local windows.
      this.#confirmed = true;
      this.#resetAt = now + this.config.windowMs;
    }
    this.#probing = false;
    this.#wake();
  }

  rateLimited(retryAfterMs: number): void {
    const now = this.clock.now();
    this.#tokens = 0;
    this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
    this.#resetAt = this.#pausedUntil;
  }

  #newWindow(now: number): void {
    this.#tokens = this.#limit;
    this.#resetAt = undefined;
    this.#nextSlotAt = now;
    if (this.config.resetHeader !== undefined) this.#confirmed = false;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}

class ContinuousBucket implements RateLimiter {
  #limit: number;
  #tokens: number;
  #updatedAt: number;
  #pausedUntil = 0;
  lastRemaining: number | undefined;

  constructor(
    private readonly config: ResolvedRateLimit,
    private readonly clock: Clock,
  ) {
    this.#limit = config.requests;
    this.#tokens = config.spread ? 1 : config.requests;
    this.#updatedAt = clock.now();
  }

  async acquire(): Promise<number> {
    const started = this.clock.now();
    for (;;) {
      const now = this.clock.now();
      if (now < this.#pausedUntil) {
        await this.clock.sleep(this.#pausedUntil - now);
        continue;
      }
      this.#refill(now);
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return this.clock.now() - started;
      }
      await this.clock.sleep(Math.max(1, Math.ceil((1 - this.#tokens) / this.#rate())));
    }
  }

  settle(headers: Readonly<Record<string, string>> | undefined): void {
    const limit = intHeader(headers, this.config.limitHeader);
    const remaining = intHeader(headers, this.config.remainingHeader);
    if (limit !== undefined && limit > 0) this.#limit = limit;
    if (remaining !== undefined) {
      this.lastRemaining = remaining;
      this.#refill(this.clock.now());
      this.#tokens = Math.min(this.#tokens, remaining);
    }
  }

  rateLimited(retryAfterMs: number): void {
    const now = this.clock.now();
    this.#tokens = 0;
    this.#updatedAt = Math.max(now, now + retryAfterMs);
    this.#pausedUntil = Math.max(this.#pausedUntil, now + retryAfterMs);
  }

  #rate(): number {
    return this.#limit / this.config.windowMs;
  }

  #refill(now: number): void {
    if (now <= this.#updatedAt) return;
    // With spread the bucket holds at most one token, so requests leave at the refill rate.
    const capacity = this.config.spread ? 1 : this.#limit;
    this.#tokens = Math.min(capacity, this.#tokens + (now - this.#updatedAt) * this.#rate());
    this.#updatedAt = now;
  }
}

function intHeader(
  headers: Readonly<Record<string, string>> | undefined,
  name: string | undefined,
): number | undefined {
  if (!headers || !name) return undefined;
  const raw = headers[name];
  if (raw === undefined) return undefined;
  const value = Number(raw.trim());
  return Number.isFinite(value) ? value : undefined;
}

function resetHeader(
  headers: Readonly<Record<string, string>> | undefined,
  config: ResolvedRateLimit,
  now: number,
): number | undefined {
  const value = intHeader(headers, config.resetHeader);
  if (value === undefined) return undefined;
  return config.resetKind === 'epoch_seconds' ? value * 1000 : now + value * 1000;
}
