/**
 * A time-ordered queue (binary min-heap) for the discrete-event simulation. Items due at the
 * same moment come out in insertion order, which keeps runs deterministic.
 */
import type { SimTime } from '../time.js';

interface Entry<T> {
  readonly at: SimTime;
  readonly order: number;
  readonly item: T;
}

export class Agenda<T> {
  readonly #heap: Entry<T>[] = [];
  #order = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** The moment of the next item, or undefined when empty. */
  peekTime(): SimTime | undefined {
    return this.#heap[0]?.at;
  }

  push(at: SimTime, item: T): void {
    const heap = this.#heap;
    heap.push({ at, order: this.#order++, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(heap, i, parent)) break;
      swap(heap, i, parent);
      i = parent;
    }
  }

  /** Removes and returns the earliest item. */
  pop(): { at: SimTime; item: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (!top) return undefined;
    const last = heap.pop();
    if (last && heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && less(heap, left, smallest)) smallest = left;
        if (right < heap.length && less(heap, right, smallest)) smallest = right;
        if (smallest === i) break;
        swap(heap, i, smallest);
        i = smallest;
      }
    }
    return { at: top.at, item: top.item };
  }
}

function less<T>(heap: Entry<T>[], a: number, b: number): boolean {
  const x = heap[a];
  const y = heap[b];
  if (!x || !y) return false;
  return x.at < y.at || (x.at === y.at && x.order < y.order);
}

function swap<T>(heap: Entry<T>[], a: number, b: number): void {
  const x = heap[a];
  const y = heap[b];
  if (!x || !y) return;
  heap[a] = y;
  heap[b] = x;
}
