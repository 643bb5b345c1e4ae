/**
 * Query results kept until the data changes. Dashboards ask the same questions again and again
 * (every reader of a page, every refresh), and the answer only changes when a job writes the
 * warehouse, so the server clears this after every job. Keys are the SQL text and its bound
 * parameters, which include the reader's row-filter values: readers share an entry only when
 * they would run the very same query. Rows are cached before suppression and ratios, which are
 * computed per request. Concurrent misses for one key run the query once.
 */
import type { Row } from '../../warehouse/warehouse.js';

export class ResultCache {
  readonly #entries = new Map<string, Promise<Row[]>>();
  #generation = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 1000) {}

  /** The cached rows for `sql` and `params`, or the result of `run`, remembered. */
  get(sql: string, params: readonly string[], run: () => Promise<Row[]>): Promise<Row[]> {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    const found = this.#entries.get(key);
    if (found) {
      this.hits += 1;
      // Refresh its place in the eviction order.
      this.#entries.delete(key);
      this.#entries.set(key, found);
      return found;
    }
    this.misses += 1;
    const generation = this.#generation;
    const pending = run();
    this.#entries.set(key, pending);
    // Only this entry is forgotten: after a clear() the key may already hold a newer query.
    const forget = (): void => {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
    };
    pending.then(() => {
      // A result computed before a clear() belongs to the old data.
      if (generation !== this.#generation) forget();
    }, forget);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return pending;
  }

  /** Forgets everything; called when a job has written the warehouse. */
  clear(): void {
    this.#generation += 1;
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }
}
