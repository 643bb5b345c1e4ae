/**
 * A discrete-event clock: `sleep` registers a timer and time jumps to the earliest one whenever
 * every task is blocked. Lets tests run many concurrent tasks over minutes of simulated time in
 * milliseconds of real time, with true parallel waiting (unlike a clock that advances per sleep).
 */
import type { Clock } from '../../core/clock.js';

export class SimClock implements Clock {
  #now: number;
  #timers: { at: number; seq: number; resolve: () => void }[] = [];
  #seq = 0;

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.#timers.push({ at: this.#now + Math.max(0, ms), seq: this.#seq++, resolve });
    });
  }

  /** Runs `main` to completion, advancing time whenever nothing else can happen. */
  async run<T>(main: () => Promise<T>): Promise<T> {
    let done = false;
    let result: T | undefined;
    let failure: Error | undefined;
    void main().then(
      (value) => {
        result = value;
        done = true;
      },
      (error: unknown) => {
        failure = error instanceof Error ? error : new Error(String(error));
        done = true;
      },
    );
    for (let guard = 0; guard < 10_000_000; guard += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done) break;
      if (this.#timers.length === 0) continue;
      this.#timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.#timers.shift();
      if (!next) continue;
      this.#now = Math.max(this.#now, next.at);
      next.resolve();
    }
    if (failure !== undefined) throw failure;
    return result as T;
  }
}

/**
 * A fixed-window rate limit like Greenhouse's: windows aligned to multiples of `windowMs`,
 * `X-RateLimit-*` headers on every answer, 429 with `Retry-After` when over.
 */
export class FixedWindowServer {
  readonly counts = new Map<number, number>();
  rejected: { at: number }[] = [];

  constructor(
    private readonly clock: Clock,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  answer(): { status: number; headers: Record<string, string> } {
    const now = this.clock.now();
    const window = Math.floor(now / this.windowMs);
    const used = (this.counts.get(window) ?? 0) + 1;
    const resetMs = (window + 1) * this.windowMs;
    const headers = {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - used)),
      'x-ratelimit-reset': String(Math.ceil(resetMs / 1000)),
    };
    if (used > this.limit) {
      this.rejected.push({ at: now });
      return {
        status: 429,
        headers: { ...headers, 'retry-after': String(Math.ceil((resetMs - now) / 1000)) },
      };
    }
    this.counts.set(window, used);
    return { status: 200, headers };
  }
}
