/**
 * Writing to the warehouse. One session and one commit at a time (DuckDB's optimistic
 * transactions would otherwise make concurrent streams conflict on the state table):
 *
 * 1. the batch is appended with the DuckDB appender into a temporary staging table;
 * 2. in one transaction, rows whose payload differs from the latest row of the same
 *    `(source_id, effective_date)` are copied into `bronze.<source>_<stream>`, quarantined records
 *    are appended, tombstones are written, and the stream's state is replaced.
 *
 * So the cursor never moves ahead of the rows it covers, and landing the same window twice adds
 * nothing. API calls are buffered and appended in batches.
 */
import { DuckDBTimestampTZValue } from '@duckdb/node-api';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { Session, Warehouse } from '../../warehouse/warehouse.js';
import { quoteIdent, quoteLiteral } from '../../warehouse/warehouse.js';
import type { CredentialStore } from '../auth/auth-strategy.js';
import type { ApiCall, ApiCallSink } from '../http/source-client.js';
import type { ResolvedStream } from '../spec/resolved-source.js';
import {
  API_CALL_COLUMNS,
  API_CALLS_TABLE,
  BRONZE_SCHEMA,
  CREDENTIAL_COLUMNS,
  CREDENTIALS_TABLE,
  createTableSql,
  QUARANTINE_COLUMNS,
  QUARANTINE_TABLE,
  STATE_COLUMNS,
  STATE_SCHEMA,
  STATE_TABLE,
  STREAM_COLUMNS,
} from './bronze-tables.js';

/** Bookkeeping kept per stream in `hrflow.source_state`. */
export interface StreamState {
  /** End of the last incremental window fully landed, ISO-8601. */
  readonly cursor?: string;
  /** When the last complete (non-incremental) read finished, ISO-8601. */
  readonly lastFullReadAt?: string;
  /** When ids were last reconciled, ISO-8601. */
  readonly lastReconcileAt?: string;
}

/** One record ready to land. */
export interface BronzeRow {
  readonly sourceId: string;
  readonly pulledAtMs: number;
  /** Canonical JSON. */
  readonly payload: string;
  readonly payloadHash: string;
  /** `YYYY-MM-DD`, when the stream is effective-dated. */
  readonly effectiveDate: string | undefined;
  readonly enteredAtMs: number | undefined;
}

export interface QuarantineRow {
  readonly sourceId: string | undefined;
  readonly pulledAtMs: number;
  readonly endpoint: string;
  readonly reason: string;
  readonly payload: string;
}

export interface LandingBatch {
  readonly stream: ResolvedStream;
  readonly runId: string;
  readonly rows: readonly BronzeRow[];
  readonly quarantine: readonly QuarantineRow[];
  /** Remember these ids as seen in the current complete read (for tombstones). */
  readonly seen?: readonly string[];
  /** Tombstone ids not seen in this complete read; only on the read's last batch. */
  readonly tombstones?: { readonly maxDeleteFraction: number };
  /** Replaces the stream's state in the same transaction. */
  readonly state?: StreamState;
}

export interface LandingOutcome {
  readonly inserted: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly tombstoned: number;
  /** Set when tombstones were withheld by the safety limit. */
  readonly tombstonesWithheld?: number;
}

const STAGE = '_hrflow_stage';

/** What running a stream needs from {@link Landing}; stream tests stand in for it. */
export type StreamLanding = Pick<
  Landing,
  'ensureStream' | 'hasRows' | 'loadState' | 'beginCompleteRead' | 'commit' | 'tombstoneIds'
>;

export class Landing implements ApiCallSink {
  readonly #session: Session;
  readonly #catalog: string;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #runId: string;
  #lock: Promise<unknown> = Promise.resolve();
  #calls: ApiCall[] = [];
  readonly #ensured = new Set<string>();

  private constructor(
    session: Session,
    catalog: string,
    clock: Clock,
    logger: Logger,
    runId: string,
  ) {
    this.#session = session;
    this.#catalog = catalog;
    this.#clock = clock;
    this.#logger = logger;
    this.#runId = runId;
  }

  /** Opens a writer session and creates the connector-owned tables when missing. */
  static async open(
    warehouse: Warehouse,
    clock: Clock,
    logger: Logger,
    runId: string,
  ): Promise<Landing> {
    const session = await warehouse.session();
    await session.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(BRONZE_SCHEMA)}`);
    await session.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(STATE_SCHEMA)}`);
    await session.run(createTableSql(BRONZE_SCHEMA, QUARANTINE_TABLE, QUARANTINE_COLUMNS));
    await session.run(createTableSql(BRONZE_SCHEMA, API_CALLS_TABLE, API_CALL_COLUMNS));
    await session.run(createTableSql(STATE_SCHEMA, STATE_TABLE, STATE_COLUMNS));
    await session.run(createTableSql(STATE_SCHEMA, CREDENTIALS_TABLE, CREDENTIAL_COLUMNS));
    await session.run(
      `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (seq BIGINT, source_id VARCHAR, pulled_at TIMESTAMPTZ, payload VARCHAR, payload_hash VARCHAR, effective_date VARCHAR, entered_at TIMESTAMPTZ)`,
    );
    return new Landing(session, warehouse.catalog, clock, logger, runId);
  }

  /** Creates the stream's bronze table when missing. */
  async ensureStream(stream: ResolvedStream): Promise<void> {
    if (this.#ensured.has(stream.table)) return;
    await this.#exclusive(() =>
      this.#session.run(createTableSql(BRONZE_SCHEMA, stream.table, STREAM_COLUMNS)),
    );
    this.#ensured.add(stream.table);
  }

  /** Whether the stream's table holds any row yet. */
  async hasRows(stream: ResolvedStream): Promise<boolean> {
    const rows = await this.#exclusive(() =>
      this.#session.query(
        `SELECT 1 AS one FROM ${quoteIdent(BRONZE_SCHEMA)}.${quoteIdent(stream.table)} LIMIT 1`,
      ),
    );
    return rows.length > 0;
  }

  /** The stream's saved state, or an empty one. */
  async loadState(stream: ResolvedStream): Promise<StreamState> {
    const rows = await this.#exclusive(() =>
      this.#session.query<{ state: string }>(
        `SELECT state::VARCHAR AS state FROM ${quoteIdent(STATE_SCHEMA)}.${quoteIdent(STATE_TABLE)} WHERE source_system = $1 AND stream = $2`,
        [stream.source, stream.name],
      ),
    );
    const text = rows[0]?.state;
    return text ? (JSON.parse(text) as StreamState) : {};
  }

  /** Starts a complete read: forgets the ids seen by an earlier one. */
  async beginCompleteRead(stream: ResolvedStream): Promise<void> {
    await this.#exclusive(async () => {
      await this.#session.run(
        `CREATE TEMP TABLE IF NOT EXISTS ${seenTable(stream)} (source_id VARCHAR)`,
      );
      await this.#session.run(`DELETE FROM ${seenTable(stream)}`);
    });
  }

  /** Lands one batch and, in the same transaction, the state that covers it. */
  commit(batch: LandingBatch): Promise<LandingOutcome> {
    return this.#exclusive(() => this.#commit(batch));
  }

  /**
   * Tombstones the given ids of `stream` that are live in bronze: records a lookup by id asked
   * the source for and did not get back.
   */
  tombstoneIds(stream: ResolvedStream, ids: readonly string[]): Promise<LandingOutcome> {
    const wanted = ids.map((id) => `(${quoteLiteral(id)})`).join(', ');
    return this.#exclusive(() =>
      this.#session.transaction(async () => {
        const tombstoned = await this.#writeTombstones(
          stream,
          this.#runId,
          `source_id IN (SELECT id FROM (VALUES ${wanted}) AS wanted(id))`,
        );
        return { inserted: 0, unchanged: 0, quarantined: 0, tombstoned };
      }),
    );
  }

  record(call: ApiCall): void {
    this.#calls.push(call);
    if (this.#calls.length >= 500) {
      void this.flushCalls().catch((error: unknown) => this.#callsFailed(error));
    }
  }

  /** Appends buffered API calls. */
  flushCalls(): Promise<void> {
    return this.#exclusive(() => this.#flushCalls());
  }

  /** A credential store backed by `hrflow.source_credentials`. */
  credentialStore(): CredentialStore {
    const table = `${quoteIdent(STATE_SCHEMA)}.${quoteIdent(CREDENTIALS_TABLE)}`;
    return {
      load: async (source, chainKey) => {
        const rows = await this.#exclusive(() =>
          this.#session.query<{ refresh_token: string }>(
            `SELECT refresh_token FROM ${table} WHERE source_system = $1 AND chain_key = $2`,
            [source, chainKey],
          ),
        );
        return rows[0]?.refresh_token;
      },
      save: (source, chainKey, token) =>
        this.#exclusive(() =>
          this.#session.transaction(async () => {
            await this.#session.run(
              `DELETE FROM ${table} WHERE source_system = $1 AND chain_key = $2`,
              [source, chainKey],
            );
            await this.#session.run(`INSERT INTO ${table} VALUES ($1, $2, $3, now())`, [
              source,
              chainKey,
              token,
            ]);
          }),
        ),
    };
  }

  /** Flushes API calls and closes the session. */
  async close(): Promise<void> {
    await this.flushCalls().catch((error: unknown) => this.#callsFailed(error));
    await this.#lock.catch(() => undefined);
    this.#session.close();
  }

  async #commit(batch: LandingBatch): Promise<LandingOutcome> {
    const { stream } = batch;
    const target = `${quoteIdent(BRONZE_SCHEMA)}.${quoteIdent(stream.table)}`;
    await this.#session.run(`DELETE FROM ${STAGE}`);
    if (batch.rows.length > 0) await this.#appendStage(batch.rows);
    if (batch.seen && batch.seen.length > 0) await this.#appendSeen(stream, batch.seen);

    return this.#session.transaction(async () => {
      let inserted = 0;
      if (batch.rows.length > 0) {
        inserted = await this.#count(
          `INSERT INTO ${target}
           WITH batch AS (
             SELECT * FROM ${STAGE}
             QUALIFY row_number() OVER (PARTITION BY source_id, effective_date ORDER BY seq DESC) = 1
           ), latest AS (
             SELECT source_id, effective_date::VARCHAR AS effective_date,
                    arg_max(payload_hash, load_seq) AS payload_hash
             FROM ${target}
             WHERE source_id IN (SELECT source_id FROM batch)
             GROUP BY ALL
           )
           SELECT $source, $entity, b.source_id, b.pulled_at, $run, b.payload::JSON, b.payload_hash, false,
                  TRY_CAST(b.effective_date AS DATE), b.entered_at,
                  (SELECT coalesce(max(load_seq), 0) FROM ${target}) + row_number() OVER (ORDER BY b.seq)
           FROM batch b
           LEFT JOIN latest l ON l.source_id = b.source_id
             AND l.effective_date IS NOT DISTINCT FROM TRY_CAST(b.effective_date AS DATE)::VARCHAR
           WHERE l.payload_hash IS DISTINCT FROM b.payload_hash`,
          { source: stream.source, entity: stream.name, run: batch.runId },
        );
      }
      if (batch.quarantine.length > 0) await this.#appendQuarantine(batch);
      const tomb = batch.tombstones
        ? await this.#tombstone(stream, target, batch.runId, batch.tombstones.maxDeleteFraction)
        : { written: 0 };

      if (batch.state) await this.#saveState(stream, batch.state, batch.runId);
      return {
        inserted,
        unchanged: batch.rows.length - inserted,
        quarantined: batch.quarantine.length,
        tombstoned: tomb.written,
        ...(tomb.withheld !== undefined ? { tombstonesWithheld: tomb.withheld } : {}),
      };
    });
  }

  async #tombstone(
    stream: ResolvedStream,
    target: string,
    runId: string,
    maxFraction: number,
  ): Promise<{ written: number; withheld?: number }> {
    const live = `(SELECT source_id, arg_max(is_deleted, load_seq) AS is_deleted FROM ${target} GROUP BY source_id)`;
    const counts = await this.#session.query<{ live: string; missing: string }>(
      `SELECT count(*) FILTER (WHERE NOT is_deleted) AS live,
              count(*) FILTER (WHERE NOT is_deleted AND source_id NOT IN (SELECT source_id FROM ${seenTable(stream)})) AS missing
       FROM ${live}`,
    );
    const liveCount = Number(counts[0]?.live ?? 0);
    const missing = Number(counts[0]?.missing ?? 0);
    if (missing === 0) return { written: 0 };
    if (missing > liveCount * maxFraction) {
      this.#logger.warn(
        'source-tombstones-withheld',
        `${stream.id}: ${missing} of ${liveCount} ids are missing from the complete read; more than ${Math.round(maxFraction * 100)} %, so no tombstones were written`,
        { stream: stream.id, missing, live: liveCount },
      );
      return { written: 0, withheld: missing };
    }
    const written = await this.#writeTombstones(
      stream,
      runId,
      `source_id NOT IN (SELECT source_id FROM ${seenTable(stream)})`,
    );
    return { written };
  }

  /** Appends a tombstone row for every id live in bronze that `where` picks; returns how many. */
  #writeTombstones(stream: ResolvedStream, runId: string, where: string): Promise<number> {
    const target = `${quoteIdent(BRONZE_SCHEMA)}.${quoteIdent(stream.table)}`;
    return this.#count(
      `INSERT INTO ${target}
       WITH live AS (
         SELECT source_id, arg_max(is_deleted, load_seq) AS is_deleted FROM ${target}
         WHERE ${where}
         GROUP BY source_id
       )
       SELECT $source, $entity, l.source_id, make_timestamptz($now::BIGINT * 1000), $run, NULL, 'deleted', true, NULL, NULL,
              (SELECT coalesce(max(load_seq), 0) FROM ${target}) + row_number() OVER (ORDER BY l.source_id)
       FROM live l
       WHERE NOT l.is_deleted`,
      { source: stream.source, entity: stream.name, run: runId, now: this.#clock.now() },
    );
  }

  async #saveState(stream: ResolvedStream, state: StreamState, runId: string): Promise<void> {
    const table = `${quoteIdent(STATE_SCHEMA)}.${quoteIdent(STATE_TABLE)}`;
    await this.#session.run(`DELETE FROM ${table} WHERE source_system = $1 AND stream = $2`, [
      stream.source,
      stream.name,
    ]);
    await this.#session.run(
      `INSERT INTO ${table} VALUES ($1, $2, $3::JSON, $4, make_timestamptz($5::BIGINT * 1000))`,
      [stream.source, stream.name, JSON.stringify(state), runId, this.#clock.now()],
    );
  }

  async #count(sql: string, params: Record<string, string | number>): Promise<number> {
    const rows = await this.#session.query<{ Count: string }>(sql, params);
    return Number(rows[0]?.Count ?? 0);
  }

  async #appendStage(rows: readonly BronzeRow[]): Promise<void> {
    await this.#withAppender(STAGE, 'main', 'temp', (a) => {
      rows.forEach((row, i) => {
        a.appendBigInt(BigInt(i));
        a.appendVarchar(row.sourceId);
        a.appendTimestampTZ(tstz(row.pulledAtMs));
        a.appendVarchar(row.payload);
        a.appendVarchar(row.payloadHash);
        if (row.effectiveDate === undefined) a.appendNull();
        else a.appendVarchar(row.effectiveDate);
        if (row.enteredAtMs === undefined) a.appendNull();
        else a.appendTimestampTZ(tstz(row.enteredAtMs));
        a.endRow();
      });
    });
  }

  async #appendSeen(stream: ResolvedStream, ids: readonly string[]): Promise<void> {
    await this.#withAppender(seenTableName(stream), 'main', 'temp', (a) => {
      for (const id of ids) {
        a.appendVarchar(id);
        a.endRow();
      }
    });
  }

  async #appendQuarantine(batch: LandingBatch): Promise<void> {
    await this.#withAppender(QUARANTINE_TABLE, BRONZE_SCHEMA, this.#catalog, (a) => {
      for (const q of batch.quarantine) {
        a.appendVarchar(batch.stream.source);
        a.appendVarchar(batch.stream.name);
        if (q.sourceId === undefined) a.appendNull();
        else a.appendVarchar(q.sourceId);
        a.appendTimestampTZ(tstz(q.pulledAtMs));
        a.appendVarchar(batch.runId);
        a.appendVarchar(q.endpoint);
        a.appendVarchar(q.reason);
        a.appendVarchar(q.payload);
        a.endRow();
      }
    });
  }

  async #flushCalls(): Promise<void> {
    if (this.#calls.length === 0) return;
    const calls = this.#calls;
    this.#calls = [];
    await this.#withAppender(API_CALLS_TABLE, BRONZE_SCHEMA, this.#catalog, (a) => {
      for (const c of calls) {
        a.appendVarchar(c.source);
        optional(a, c.stream, (v) => a.appendVarchar(v));
        a.appendVarchar(c.method);
        a.appendVarchar(c.endpoint);
        optional(a, c.httpStatus, (v) => a.appendInteger(v));
        a.appendInteger(Math.round(c.latencyMs));
        a.appendInteger(c.retryCount);
        optional(a, c.rateLimitRemaining, (v) => a.appendInteger(Math.round(v)));
        a.appendVarchar(this.#runId);
        a.appendTimestampTZ(tstz(c.calledAtMs));
        optional(a, c.error, (v) => a.appendVarchar(v));
        a.endRow();
      }
    });
  }

  async #withAppender(
    table: string,
    schema: string,
    catalog: string,
    fill: (a: DuckDBAppender) => void,
  ): Promise<void> {
    const appender = await this.#session.connection.createAppender(table, schema, catalog);
    try {
      fill(appender);
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#lock.then(fn, fn);
    this.#lock = run.catch(() => undefined);
    return run;
  }

  #callsFailed(error: unknown): void {
    this.#logger.warn(
      'api-calls-not-recorded',
      `could not record API calls: ${(error as Error).message}`,
    );
  }
}

function seenTableName(stream: ResolvedStream): string {
  return `_hrflow_seen_${stream.table}`;
}

function seenTable(stream: ResolvedStream): string {
  return quoteIdent(seenTableName(stream));
}

function tstz(ms: number): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(Math.round(ms)) * 1000n);
}

function optional<T>(a: DuckDBAppender, value: T | undefined, append: (v: T) => void): void {
  if (value === undefined) a.appendNull();
  else append(value);
}
