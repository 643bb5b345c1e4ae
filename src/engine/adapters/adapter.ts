/**
 * Everything that differs between warehouses goes through an adapter: quoting, type names,
 * catalog introspection and statement execution. Materializations and tests are written once
 * against this interface; the DuckDB adapter is the default, Spark comes through the same door.
 */
import type { Column, Relation, RelationInfo, RelationType } from '../relation.js';

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
  /**
   * A timezone-less timestamp literal for an instant, written in UTC with microseconds, such as
   * the snapshot time of a run.
   */
  timestampLiteral(at: Date): string;
  /**
   * The statement that renames a relation within its schema; `to` differs from `from` only in
   * its identifier. Renames are how materializations swap a freshly built relation in.
   */
  renameRelation(from: Relation, to: Relation, type: RelationType): string;
  /** A table expression that scans one CSV file (seeds). */
  readCsv(scan: CsvScan): string;
}

/**
 * How to scan a CSV file with a header line. The file's dialect is given, never guessed: fields
 * split on `delimiter`, quoted and escaped with the double quote, no comment lines.
 */
export type CsvScan =
  /** Header line skipped; column types inferred from the whole file except those in `types`. */
  | {
      readonly mode: 'infer';
      readonly path: string;
      readonly delimiter: string;
      readonly types: readonly Column[];
    }
  /** Header line skipped; exactly these columns, in file order, each line checked strictly. */
  | {
      readonly mode: 'typed';
      readonly path: string;
      readonly delimiter: string;
      readonly columns: readonly Column[];
    };

/** What a data-changing statement reports back. */
export interface ExecuteResult {
  /** Rows inserted, updated or deleted, when the warehouse reports it. */
  readonly rowsAffected: number | undefined;
}

/** Statement execution and introspection against one warehouse connection. */
export interface Executor {
  readonly dialect: Dialect;
  /** Runs one or more statements, discarding results. */
  run(sql: string): Promise<void>;
  /** Runs one data-changing statement (INSERT, DELETE, MERGE) and reports what it changed. */
  execute(sql: string): Promise<ExecuteResult>;
  /** Runs a query and returns JSON-safe rows. */
  query<T extends Record<string, unknown> = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs `fn` in one transaction where the warehouse supports it; otherwise just runs it. */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** The relation as it exists now, or undefined. */
  describe(rel: Relation): Promise<RelationInfo | undefined>;
  /** Several relations at once, in order; cheaper than one describe each where catalogs are slow. */
  describeMany(rels: readonly Relation[]): Promise<(RelationInfo | undefined)[]>;
  /** The columns a query would return, without running it to completion. */
  columnsOf(sql: string): Promise<readonly Column[]>;
  /** Creates the schema when missing. */
  ensureSchema(catalog: string, schema: string): Promise<void>;
}

/** What a command that only reads needs: artifacts and freshness work through the server too. */
export type ReadExecutor = Pick<Executor, 'dialect' | 'query'>;
