/**
 * A bounded queue between a producer (a parent stream's pages) and consumers (child fan-out
 * workers). `push` waits while the queue is full, so a fast parent cannot run ahead of its
 * children without bound; `close` lets consumers drain and stop.
 */
export class AsyncQueue<T> {
  readonly #items: T[] = [];
  readonly #takers: ((item: T | undefined) => void)[] = [];
  readonly #pushers: (() => void)[] = [];
  #closed = false;

  constructor(readonly capacity: number) {}

  async push(item: T): Promise<void> {
    if (this.#closed) return;
    const taker = this.#takers.shift();
    if (taker) {
      taker(item);
      return;
    }
    while (this.#items.length >= this.capacity && !this.#closed) {
      await new Promise<void>((resolve) => this.#pushers.push(resolve));
    }
    if (!this.#closed) this.#items.push(item);
  }

  /** The next item, or undefined once the queue is closed and empty. */
  take(): Promise<T | undefined> {
    const item = this.#items.shift();
    if (item !== undefined) {
      this.#pushers.shift()?.();
      return Promise.resolve(item);
    }
    if (this.#closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.#takers.push(resolve));
  }

  /** No more pushes; waiting takers get undefined once the items are gone. */
  close(): void {
    this.#closed = true;
    for (const taker of this.#takers.splice(0)) taker(undefined);
    for (const pusher of this.#pushers.splice(0)) pusher();
  }
}
