/** The DuckDB adapter's executor: one warehouse session, with catalog introspection. */
import type { ExecuteResult, Executor } from '../adapter.js';
import { relationKey } from '../../relation.js';
import type { Column, Relation, RelationInfo } from '../../relation.js';
import { isMissingObject } from '../../../warehouse/duckdb-errors.js';
import type { Session } from '../../../warehouse/warehouse.js';
import { duckdbDialect } from './duckdb-dialect.js';

export class DuckDBExecutor implements Executor {
  readonly dialect = duckdbDialect;
  /** Schemas this executor has seen exist, as `catalog.schema`. */
  readonly #schemas = new Set<string>();

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
    const [info] = await this.describeMany([rel]);
    return info;
  }

  /**
   * The catalog functions (`information_schema`, `duckdb_tables()`, `duckdb_views()`) list
   * every relation on each call, so with a thousand models each lookup through them costs
   * milliseconds. One `duckdb_views()` call answers which of the relations are views; naming
   * each other one in DESCRIBE answers whether it exists and its columns. Views are not
   * described: that binds their query, tens of milliseconds for a deep stack of views.
   */
  async describeMany(rels: readonly Relation[]): Promise<(RelationInfo | undefined)[]> {
    if (rels.length === 0) return [];
    const q = (s: string): string => this.dialect.quoteLiteral(s);
    const views = await this.session.query<{ name: string }>(
      `SELECT database_name || '.' || schema_name || '.' || view_name AS name
       FROM duckdb_views()
       WHERE ${rels
         .map(
           (r) =>
             `(database_name = ${q(r.catalog)} AND schema_name = ${q(r.schema)}` +
             ` AND view_name = ${q(r.identifier)})`,
         )
         .join(' OR ')}`,
    );
    const viewNames = new Set(views.map((v) => v.name));
    const out: (RelationInfo | undefined)[] = [];
    for (const rel of rels) {
      if (viewNames.has(relationKey(rel))) {
        out.push({ ...rel, type: 'view', columns: [] });
        continue;
      }
      let columns: { column_name: string; column_type: string }[];
      try {
        columns = await this.session.query(`DESCRIBE ${this.dialect.renderRelation(rel)}`);
      } catch (error) {
        if (!isMissingObject(error)) throw error;
        out.push(undefined);
        continue;
      }
      out.push({
        ...rel,
        type: 'table',
        columns: columns.map((c) => ({ name: c.column_name, type: c.column_type.toUpperCase() })),
      });
    }
    return out;
  }

  async columnsOf(sql: string): Promise<readonly Column[]> {
    // The query goes on lines of its own so that a trailing `--` comment ends before the `)`.
    const rows = await this.session.query<{ column_name: string; column_type: string }>(
      `DESCRIBE (\n${sql}\n)`,
    );
    return rows.map((r) => ({ name: r.column_name, type: r.column_type.toUpperCase() }));
  }

  /**
   * `CREATE SCHEMA IF NOT EXISTS` commits a write even when the schema is there, and catalog
   * reads wait behind other connections' writes; every node asks, so each executor asks the
   * warehouse once per schema.
   */
  async ensureSchema(catalog: string, schema: string): Promise<void> {
    const key = `${catalog}.${schema}`;
    if (this.#schemas.has(key)) return;
    const q = (s: string): string => this.dialect.quoteLiteral(s);
    const found = await this.session.query(
      `SELECT 1 AS found FROM duckdb_schemas()
       WHERE database_name = ${q(catalog)} AND schema_name = ${q(schema)}`,
    );
    if (found.length === 0) {
      const name = `${this.dialect.quoteIdent(catalog)}.${this.dialect.quoteIdent(schema)}`;
      await this.session.run(`CREATE SCHEMA IF NOT EXISTS ${name}`);
    }
    this.#schemas.add(key);
  }
}
