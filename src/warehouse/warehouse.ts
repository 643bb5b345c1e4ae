/**
 * The warehouse: one DuckDB file attached under the project's catalog name, so that three-part
 * names (`hr_prod.silver.candidate_scd2`) mean the same here as on Spark or Databricks. DuckDB
 * allows one writing process per file; a second process gets a `warehouse-locked` error that
 * names the holder, after waiting if asked to.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, StatementType } from '@duckdb/node-api';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { systemClock } from '../core/clock.js';
import type { Clock } from '../core/clock.js';
import { HrflowError } from '../core/errors.js';
import { translateDuckDBError } from './duckdb-errors.js';

export interface WarehouseOptions {
  /** Path of the DuckDB file; `:memory:` for a throwaway warehouse. */
  readonly path: string;
  /** Catalog name the file is attached under (`hr_prod`). */
  readonly catalog: string;
  /** DuckDB worker threads. */
  readonly threads?: number;
  /** DuckDB memory limit such as `8GB`. */
  readonly memoryLimit?: string;
  /** Open without writing; several read-only processes may share a file nobody writes. */
  readonly readOnly?: boolean;
  /** How long to keep trying when another process holds the file; 0 fails at once. */
  readonly waitForLockMs?: number;
  readonly clock?: Clock;
}

/** A JSON-safe row: BIGINT and DECIMAL arrive as strings, timestamps as ISO-like strings. */
export type Row = Record<string, unknown>;

/** Named (`$name`) or positional (`$1`) parameters. */
export type Params = Record<string, DuckDBValue> | DuckDBValue[];

export class Warehouse {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly catalog: string,
    readonly path: string,
    readonly readOnly: boolean,
  ) {}

  /** Opens (creating if needed) the warehouse file and attaches it under its catalog name. */
  static async open(options: WarehouseOptions): Promise<Warehouse> {
    const clock = options.clock ?? systemClock;
    const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // TimeZone cannot go in the create config: ICU is statically linked but loads only after the
    // config is applied, so it is set globally on the first connection instead.
    const config: Record<string, string> = {};
    if (options.threads !== undefined) config.threads = String(options.threads);
    if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
    if (path !== ':memory:') config.temp_directory = `${path}.tmp`;
    const instance = await DuckDBInstance.create(':memory:', config);

    const attach =
      path === ':memory:'
        ? `ATTACH ':memory:' AS ${quoteIdent(options.catalog)}`
        : `ATTACH ${quoteLiteral(path)} AS ${quoteIdent(options.catalog)}` +
          (options.readOnly ? ' (READ_ONLY)' : '');
    const deadline = clock.now() + (options.waitForLockMs ?? 0);
    const connection = await instance.connect();
    try {
      await connection.run("SET GLOBAL TimeZone = 'UTC'");
      for (;;) {
        try {
          await connection.run(attach);
          break;
        } catch (cause) {
          const error = translateDuckDBError(cause, { path });
          if (error.code !== 'warehouse-locked' || clock.now() >= deadline) throw error;
          await clock.sleep(Math.min(500, Math.max(0, deadline - clock.now())));
        }
      }
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    connection.closeSync();
    return new Warehouse(instance, options.catalog, path, options.readOnly ?? false);
  }

  /** A new connection with the catalog as its default database. Close it when done. */
  async session(): Promise<Session> {
    const connection = await this.instance.connect();
    await connection.run(`USE ${quoteIdent(this.catalog)}`);
    return new Session(connection);
  }

  /** Runs `fn` on a fresh session and closes the session afterwards. */
  async withSession<T>(fn: (session: Session) => Promise<T>): Promise<T> {
    const session = await this.session();
    try {
      return await fn(session);
    } finally {
      session.close();
    }
  }

  /** Checkpoints and releases the file; the warehouse cannot be used afterwards. */
  async close(): Promise<void> {
    if (!this.readOnly) {
      await this.withSession((s) => s.run('CHECKPOINT')).catch(() => undefined);
    }
    this.instance.closeSync();
  }
}

/** One DuckDB connection: its own transaction context. */
export class Session {
  constructor(readonly connection: DuckDBConnection) {}

  /** Runs one or more statements and discards the result. */
  async run(sql: string, params?: Params): Promise<void> {
    try {
      await this.connection.run(sql, params);
    } catch (cause) {
      throw translateDuckDBError(cause, { sql });
    }
  }

  /** Runs a query and returns its rows in JSON-safe form. */
  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    try {
      const reader = await this.connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJson() as T[];
    } catch (cause) {
      throw translateDuckDBError(cause, { sql });
    }
  }

  /**
   * Runs a script of queries that only read, and returns the last one's rows. DuckDB's own parser
   * splits the script and types each statement; anything but a SELECT is refused before any runs.
   */
  async queryReadOnly<T extends Row = Row>(sql: string): Promise<T[]> {
    try {
      const extracted = await this.connection.extractStatements(sql);
      const prepared = [];
      for (let i = 0; i < extracted.count; i++) prepared.push(await extracted.prepare(i));
      if (prepared.some((p) => p.statementType !== StatementType.SELECT)) {
        throw new HrflowError('usage-invalid', 'only queries that read (SELECT) may run here', {
          hint: 'Run commands that write through `hrflow run`, `build` or `sync`.',
        });
      }
      let rows: T[] = [];
      for (const statement of prepared) {
        rows = (await statement.runAndReadAll()).getRowObjectsJson() as T[];
      }
      return rows;
    } catch (cause) {
      if (cause instanceof HrflowError) throw cause;
      throw translateDuckDBError(cause, { sql });
    }
  }

  /** The first column of the first row, or undefined when there are no rows. */
  async scalar<T = unknown>(sql: string, params?: Params): Promise<T | undefined> {
    const rows = await this.query(sql, params);
    const first = rows[0];
    if (!first) return undefined;
    return Object.values(first)[0] as T;
  }

  /** Runs `fn` inside BEGIN … COMMIT; rolls back and rethrows when it fails. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    await this.run('BEGIN TRANSACTION');
    try {
      const result = await fn();
      await this.run('COMMIT');
      return result;
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Splits a script into statements with DuckDB's own parser. */
  async statementCount(sql: string): Promise<number> {
    try {
      return (await this.connection.extractStatements(sql)).count;
    } catch (cause) {
      throw translateDuckDBError(cause, { sql });
    }
  }

  close(): void {
    this.connection.closeSync();
  }
}

/** `"name"` with embedded quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `'text'` with embedded quotes doubled. */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** True when `error` is hrflow's translation of a lock held by another process. */
export function isWarehouseLocked(error: unknown): boolean {
  return error instanceof HrflowError && error.code === 'warehouse-locked';
}
