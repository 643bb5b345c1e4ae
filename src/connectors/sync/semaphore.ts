/** Caps how many async tasks run at once; waiters are served first come, first served. */
export class Semaphore {
  #free: number;
  readonly #queue: (() => void)[] = [];
  /** Highest number of permits held at once, for utilisation reports. */
  peak = 0;

  constructor(readonly permits: number) {
    this.#free = permits;
  }

  /** Permits held right now. */
  get inUse(): number {
    return this.permits - this.#free;
  }

  async acquire(): Promise<() => void> {
    if (this.#free > 0) {
      this.#free -= 1;
    } else {
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    }
    this.peak = Math.max(this.peak, this.inUse);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#queue.shift();
      if (next) next();
      else this.#free += 1;
    };
  }

  /** Runs `fn` holding one permit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
