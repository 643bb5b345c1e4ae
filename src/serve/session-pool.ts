/**
 * A few warehouse sessions kept open for reads, so a dashboard request does not pay for a new
 * connection. DuckDB runs reads concurrently with a build's writes (MVCC), so readers see the
 * last committed tables while a build works.
 *
 * At most `maxSessions` reads run at once; the rest wait their turn in arrival order. DuckDB
 * already spreads one query over its worker threads, and the client runs each query on one of
 * libuv's four pool threads, so twenty reads started together finish no sooner than four at a
 * time would, while each extra connection costs a connect and a `USE` and then queues anyway.
 */
import type { Session, Warehouse } from '../warehouse/warehouse.js';

export class SessionPool {
  readonly #idle: Session[] = [];
  readonly #waiting: (() => void)[] = [];
  #active = 0;
  #closed = false;

  constructor(
    private readonly warehouse: Warehouse,
    private readonly maxSessions = 4,
  ) {}

  /** Runs `fn` with a session from the pool, once one is free. */
  async use<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    if (this.#active >= this.maxSessions) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#active += 1;
    }
    let session: Session | undefined;
    try {
      session = this.#idle.pop() ?? (await this.warehouse.session());
      return await fn(session);
    } finally {
      if (session) {
        if (this.#closed) session.close();
        else this.#idle.push(session);
      }
      this.#release();
    }
  }

  /** Reads running now. */
  get active(): number {
    return this.#active;
  }

  /** Reads waiting for a session. */
  get queued(): number {
    return this.#waiting.length;
  }

  /** Closes every idle session; sessions in use close when returned. */
  close(): void {
    this.#closed = true;
    for (const session of this.#idle.splice(0)) session.close();
  }

  /** Hands the slot to the next waiting read, or frees it. */
  #release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#active -= 1;
  }
}
