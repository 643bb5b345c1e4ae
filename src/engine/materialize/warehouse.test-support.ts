/**
 * A real DuckDB warehouse for materialization tests, in a throwaway file, with helpers to read
 * rows back, list relations and make the executor fail on purpose.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HrflowError } from '../../core/errors.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { Session } from '../../warehouse/warehouse.js';
import type { ExecuteResult, Executor } from '../adapters/adapter.js';
import { DuckDBExecutor } from '../adapters/duckdb/duckdb-executor.js';
import type { Column, Relation, RelationInfo } from '../relation.js';
import { relation } from '../relation.js';
import type { NodeRef } from './context.js';

export const CATALOG = 'hr_prod';
export const RUN_STARTED_AT = new Date('2024-03-01T06:00:00.000Z');

export interface TestWarehouse {
  readonly dir: string;
  readonly session: Session;
  readonly executor: DuckDBExecutor;
  /** Rows of a query, JSON-safe (BIGINT as strings). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Names of every relation in the schema with its type, sorted. */
  relations(schema: string): Promise<string[]>;
  /** Drops every relation of `silver` whose name starts with `prefix`. */
  dropAll(prefix: string): Promise<void>;
  close(): Promise<void>;
}

/** Opens a fresh warehouse file with schemas `bronze` and `silver`. */
export async function openTestWarehouse(
  options: { inMemory?: boolean } = {},
): Promise<TestWarehouse> {
  const dir = await mkdtemp(join(tmpdir(), 'hrflow-materialize-'));
  const path = options.inMemory ? ':memory:' : join(dir, 'warehouse.duckdb');
  const warehouse = await Warehouse.open({ path, catalog: CATALOG, threads: 1 });
  const session = await warehouse.session();
  await session.run('CREATE SCHEMA IF NOT EXISTS hr_prod.bronze');
  await session.run('CREATE SCHEMA IF NOT EXISTS hr_prod.silver');
  return {
    dir,
    session,
    executor: new DuckDBExecutor(session),
    rows: (sql) => session.query(sql),
    async relations(schema) {
      const found = await session.query<{ table_name: string; table_type: string }>(
        `SELECT table_name, table_type FROM information_schema.tables
         WHERE table_catalog = '${CATALOG}' AND table_schema = '${schema}'
         ORDER BY table_name`,
      );
      return found.map((r) => `${r.table_name} (${r.table_type === 'VIEW' ? 'view' : 'table'})`);
    },
    async dropAll(prefix) {
      const found = await session.query<{ table_name: string; table_type: string }>(
        `SELECT table_name, table_type FROM information_schema.tables
         WHERE table_catalog = '${CATALOG}' AND table_schema = 'silver'
           AND starts_with(table_name, '${prefix}')`,
      );
      for (const r of found) {
        const kind = r.table_type === 'VIEW' ? 'VIEW' : 'TABLE';
        await session.run(`DROP ${kind} hr_prod.silver."${r.table_name}"`);
      }
    },
    async close() {
      session.close();
      await warehouse.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function silver(identifier: string): Relation {
  return relation(CATALOG, 'silver', identifier);
}

/** The fields every request shares, with test defaults, for a model in `silver`. */
export function base(
  executor: Executor,
  name: string,
  overrides: { readonly fullRefresh?: boolean; readonly runStartedAt?: Date } = {},
): {
  readonly node: NodeRef;
  readonly relation: Relation;
  readonly fullRefresh: boolean;
  readonly runStartedAt: Date;
  readonly executor: Executor;
} {
  return {
    node: { id: `model.hr.${name}`, name },
    relation: silver(name),
    fullRefresh: overrides.fullRefresh ?? false,
    runStartedAt: overrides.runStartedAt ?? RUN_STARTED_AT,
    executor,
  };
}

/**
 * An executor that fails on purpose at the `failAt`-th statement it is asked to send (1-based),
 * before sending it. `error` fails that statement only, as a warehouse error would, so cleanup
 * still runs; `crash` fails it and every later one, as if the process died there.
 */
export class FaultyExecutor implements Executor {
  sent = 0;

  constructor(
    private readonly inner: Executor,
    private readonly failAt: number,
    private readonly mode: 'error' | 'crash' = 'error',
  ) {}

  /** True once the failure has been injected. */
  get failed(): boolean {
    return this.sent >= this.failAt;
  }

  get dialect(): Executor['dialect'] {
    return this.inner.dialect;
  }

  private async gate(sql: string): Promise<void> {
    this.sent += 1;
    if (this.sent === this.failAt || (this.mode === 'crash' && this.sent > this.failAt)) {
      throw new HrflowError('sql-error', `injected failure at statement ${this.sent}: ${sql}`);
    }
    return Promise.resolve();
  }

  async run(sql: string): Promise<void> {
    await this.gate(sql);
    return this.inner.run(sql);
  }

  async execute(sql: string): Promise<ExecuteResult> {
    await this.gate(sql);
    return this.inner.execute(sql);
  }

  async query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    await this.gate(sql);
    return this.inner.query<T>(sql);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  async describe(rel: Relation): Promise<RelationInfo | undefined> {
    this.dead();
    return this.inner.describe(rel);
  }

  async describeMany(rels: readonly Relation[]): Promise<(RelationInfo | undefined)[]> {
    this.dead();
    return this.inner.describeMany(rels);
  }

  async columnsOf(sql: string): Promise<readonly Column[]> {
    this.dead();
    return this.inner.columnsOf(sql);
  }

  async ensureSchema(catalog: string, schema: string): Promise<void> {
    this.dead();
    return this.inner.ensureSchema(catalog, schema);
  }

  /** After a crash nothing reaches the warehouse any more. */
  private dead(): void {
    if (this.mode === 'crash' && this.failed) {
      throw new HrflowError('sql-error', 'injected crash: the process is gone');
    }
  }
}

/** The error a promise rejects with, for asserting on its fields. */
export async function rejection(promise: Promise<unknown>): Promise<HrflowError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HrflowError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}
