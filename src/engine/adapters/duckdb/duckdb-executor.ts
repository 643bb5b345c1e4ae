/** The DuckDB adapter's executor: one warehouse session, with catalog introspection. */
import type { ExecuteResult, Executor } from '../adapter.js';
import type { Column, Relation, RelationInfo } from '../../relation.js';
import type { Session } from '../../../warehouse/warehouse.js';
import { duckdbDialect } from './duckdb-dialect.js';

export class DuckDBExecutor implements Executor {
  readonly dialect = duckdbDialect;

  constructor(readonly session: Session) {}

  run(sql: string): Promise<void> {
    return this.session.run(sql);
  }

  /** DuckDB answers a data-changing statement with one row holding a `Count` column. */
  async execute(sql: string): Promise<ExecuteResult> {
    const rows = await this.session.query<{ Count?: unknown }>(sql);
    const count = rows[0]?.Count;
    return { rowsAffected: count === undefined || count === null ? undefined : Number(count) };
  }

  query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    return this.session.query<T>(sql);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.session.transaction(fn);
  }

  async describe(rel: Relation): Promise<RelationInfo | undefined> {
    const q = (s: string): string => this.dialect.quoteLiteral(s);
    const tables = await this.session.query<{ table_type: string }>(
      `SELECT table_type FROM information_schema.tables
       WHERE table_catalog = ${q(rel.catalog)} AND table_schema = ${q(rel.schema)}
         AND table_name = ${q(rel.identifier)}`,
    );
    const found = tables[0];
    if (!found) return undefined;
    const columns = await this.session.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_catalog = ${q(rel.catalog)} AND table_schema = ${q(rel.schema)}
         AND table_name = ${q(rel.identifier)}
       ORDER BY ordinal_position`,
    );
    return {
      ...rel,
      type: found.table_type === 'VIEW' ? 'view' : 'table',
      columns: columns.map((c) => ({ name: c.column_name, type: c.data_type.toUpperCase() })),
    };
  }

  async columnsOf(sql: string): Promise<readonly Column[]> {
    // The query goes on lines of its own so that a trailing `--` comment ends before the `)`.
    const rows = await this.session.query<{ column_name: string; column_type: string }>(
      `DESCRIBE (\n${sql}\n)`,
    );
    return rows.map((r) => ({ name: r.column_name, type: r.column_type.toUpperCase() }));
  }

  async ensureSchema(catalog: string, schema: string): Promise<void> {
    const name = `${this.dialect.quoteIdent(catalog)}.${this.dialect.quoteIdent(schema)}`;
    await this.session.run(`CREATE SCHEMA IF NOT EXISTS ${name}`);
  }
}
