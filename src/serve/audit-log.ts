/**
 * Who read which dataset with which filters, in `hrflow.audit_log`. Records are queued in memory
 * and written in batches with the appender (at most a quarter second later, and always before
 * the server closes the warehouse), so auditing never holds up a dashboard.
 */
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Session } from '../warehouse/warehouse.js';

export interface AuditRecord {
  readonly user: string;
  readonly dataset: string;
  /** `query`, `export` (CSV), `rows`. */
  readonly action: string;
  /** The checked request (dimensions, measures, filter values), or the raw one when refused. */
  readonly request: unknown;
  /** `ok`, or the error code that refused it (`policy-denied`, `usage-invalid`). */
  readonly outcome: string;
  readonly rows: number;
}

export interface AuditSink {
  record(entry: AuditRecord): void;
}

export const AUDIT_TABLE_SQL = `
  CREATE SCHEMA IF NOT EXISTS hrflow;
  CREATE TABLE IF NOT EXISTS hrflow.audit_log (
    read_at TIMESTAMPTZ NOT NULL,
    user_name VARCHAR NOT NULL,
    dataset VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    request JSON,
    outcome VARCHAR NOT NULL,
    row_count INTEGER NOT NULL
  )`;

export class AuditLog implements AuditSink {
  readonly #pending: (AuditRecord & { at: number })[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly openSession: () => Promise<Session>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly delayMs = 250,
  ) {}

  static async ensureTable(session: Session): Promise<void> {
    await session.run(AUDIT_TABLE_SQL);
  }

  record(entry: AuditRecord): void {
    this.#pending.push({ ...entry, at: this.clock.now() });
    this.#timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes everything queued so far. */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending.splice(0);
    if (batch.length === 0) return this.#flushing;
    this.#flushing = this.#flushing.then(() => this.#write(batch));
    return this.#flushing;
  }

  async #write(batch: readonly (AuditRecord & { at: number })[]): Promise<void> {
    let session: Session | undefined;
    try {
      session = await this.openSession();
      const appender = await session.connection.createAppender('audit_log', 'hrflow');
      for (const e of batch) {
        appender.appendVarchar(new Date(e.at).toISOString());
        appender.appendVarchar(e.user);
        appender.appendVarchar(e.dataset);
        appender.appendVarchar(e.action);
        appender.appendVarchar(JSON.stringify(e.request));
        appender.appendVarchar(e.outcome);
        appender.appendInteger(e.rows);
        appender.endRow();
      }
      appender.closeSync();
    } catch (error) {
      this.logger.error('audit-write-failed', `could not write ${batch.length} audit record(s)`, {
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      session?.close();
    }
  }
}
