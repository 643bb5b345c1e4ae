/**
 * A few warehouse sessions kept open for reads, so a dashboard request does not pay for a new
 * connection. DuckDB runs reads concurrently with a build's writes (MVCC), so readers see the
 * last committed tables while a build works.
 */
import type { Session, Warehouse } from '../warehouse/warehouse.js';

export class SessionPool {
  readonly #idle: Session[] = [];
  #closed = false;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly maxIdle = 8,
  ) {}

  /** Runs `fn` with a session from the pool. */
  async use<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const session = this.#idle.pop() ?? (await this.warehouse.session());
    try {
      return await fn(session);
    } finally {
      if (this.#closed || this.#idle.length >= this.maxIdle) session.close();
      else this.#idle.push(session);
    }
  }

  /** Closes every idle session; sessions in use close when returned. */
  close(): void {
    this.#closed = true;
    for (const session of this.#idle.splice(0)) session.close();
  }
}
