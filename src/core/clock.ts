/**
 * Time as an injected dependency. Retry, rate-limit, scheduler and freshness code take a `Clock`
 * so tests run on {@link FakeClock} and never wait in real time.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * A clock that only moves when told to. `sleep` resolves once `advance` (or the automatic mode)
 * moves time past the sleeper's deadline.
 */
export class FakeClock implements Clock {
  #now: number;
  #sleepers: { until: number; resolve: () => void }[] = [];
  /** Total milliseconds slept through this clock; lets tests assert on waiting. */
  slept = 0;

  /**
   * @param start epoch milliseconds
   * @param auto when true, every `sleep` advances time by itself immediately (useful when the
   * test only cares about the order of events, not their interleaving).
   */
  constructor(
    start = Date.UTC(2026, 0, 1),
    readonly auto = true,
  ) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    const wait = Math.max(0, ms);
    this.slept += wait;
    if (this.auto) {
      this.#now += wait;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.#sleepers.push({ until: this.#now + wait, resolve });
    });
  }

  /** Moves time forward and wakes every sleeper whose deadline has passed. */
  advance(ms: number): void {
    this.#now += ms;
    const due = this.#sleepers.filter((s) => s.until <= this.#now);
    this.#sleepers = this.#sleepers.filter((s) => s.until > this.#now);
    for (const sleeper of due) sleeper.resolve();
  }
}
