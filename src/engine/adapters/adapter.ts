/**
 * Everything that differs between warehouses goes through an adapter: quoting, type names,
 * catalog introspection and statement execution. Materializations and tests are written once
 * against this interface; the DuckDB adapter is the default, Spark comes through the same door.
 */
import type { Column, Relation, RelationInfo } from '../relation.js';

export type AdapterKind = 'duckdb' | 'spark';

/** Portable type names that templates and materializations ask an adapter to spell. */
export type PortableType =
  | 'string'
  | 'integer'
  | 'bigint'
  | 'float'
  | 'numeric'
  | 'boolean'
  | 'timestamp'
  | 'timestamptz'
  | 'date'
  | 'json';

/** SQL spelling for one warehouse. Pure: no IO. */
export interface Dialect {
  readonly kind: AdapterKind;
  /** A quoted identifier. */
  quoteIdent(name: string): string;
  /** A quoted string literal. */
  quoteLiteral(text: string): string;
  /** A fully qualified, quoted relation name. */
  renderRelation(rel: Relation): string;
  /** The warehouse's spelling of a portable type. */
  typeName(type: PortableType): string;
  /** The current timestamp expression in UTC. */
  currentTimestamp(): string;
}

/** Statement execution and introspection against one warehouse connection. */
export interface Executor {
  readonly dialect: Dialect;
  /** Runs one or more statements, discarding results. */
  run(sql: string): Promise<void>;
  /** Runs a query and returns JSON-safe rows. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs `fn` in one transaction where the warehouse supports it; otherwise just runs it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** The relation as it exists now, or undefined. */
  describe(rel: Relation): Promise<RelationInfo | undefined>;
  /** The columns a query would return, without running it to completion. */
  columnsOf(sql: string): Promise<readonly Column[]>;
  /** Creates the schema when missing. */
  ensureSchema(catalog: string, schema: string): Promise<void>;
}
