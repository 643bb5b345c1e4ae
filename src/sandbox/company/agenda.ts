/**
 * A time-ordered queue (binary min-heap) for the discrete-event simulation. Items due at the
 * same moment come out in insertion order, which keeps runs deterministic. The heap lives in
 * three parallel arrays so that scheduling millions of steps allocates no entry objects.
 */
import type { SimTime } from '../time.js';

export class Agenda<T> {
  readonly #at: number[] = [];
  readonly #order: number[] = [];
  readonly #items: T[] = [];
  #next = 0;

  get size(): number {
    return this.#items.length;
  }

  /** The moment of the next item, or undefined when empty. */
  peekTime(): SimTime | undefined {
    return this.#at[0];
  }

  push(at: SimTime, item: T): void {
    this.#at.push(at);
    this.#order.push(this.#next++);
    this.#items.push(item);
    let i = this.#items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#less(i, parent)) break;
      this.#swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest item. */
  pop(): T | undefined {
    const size = this.#items.length;
    if (size === 0) return undefined;
    const top = this.#items[0];
    this.#swap(0, size - 1);
    this.#at.pop();
    this.#order.pop();
    this.#items.pop();
    const length = size - 1;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < length && this.#less(left, smallest)) smallest = left;
      if (right < length && this.#less(right, smallest)) smallest = right;
      if (smallest === i) break;
      this.#swap(i, smallest);
      i = smallest;
    }
    return top;
  }

  #less(a: number, b: number): boolean {
    const x = this.#at[a] ?? 0;
    const y = this.#at[b] ?? 0;
    return x < y || (x === y && (this.#order[a] ?? 0) < (this.#order[b] ?? 0));
  }

  #swap(a: number, b: number): void {
    const at = this.#at;
    const order = this.#order;
    const items = this.#items;
    const time = at[a] ?? 0;
    at[a] = at[b] ?? 0;
    at[b] = time;
    const rank = order[a] ?? 0;
    order[a] = order[b] ?? 0;
    order[b] = rank;
    const item = items[a] as T;
    items[a] = items[b] as T;
    items[b] = item;
  }
}
