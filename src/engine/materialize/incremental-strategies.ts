/**
 * Incremental strategies: each a small pure function from the new rows to the statements that
 * fold them into the existing table, run in order in one transaction. The existing table is
 * aliased `DBT_INTERNAL_DEST` and the new rows `DBT_INTERNAL_SOURCE`, the names dbt users write
 * in `incremental_predicates`.
 */
import type { Dialect } from '../adapters/adapter.js';
import type { Relation } from '../relation.js';
import type { IncrementalStrategy } from './config.js';
import { columnList, insertColumns } from './relation-sql.js';

/** Alias of the existing table in strategy SQL, as dbt names it. */
export const DEST = 'DBT_INTERNAL_DEST';
/** Alias of the new rows in strategy SQL, as dbt names it. */
export const SOURCE = 'DBT_INTERNAL_SOURCE';

/** What every strategy is given; each uses the fields it needs. */
export interface StrategyInput {
  readonly dialect: Dialect;
  readonly target: Relation;
  /** The new rows: a rendered relation or a parenthesised query, without an alias. */
  readonly source: string;
  /** Columns to write. */
  readonly columns: readonly string[];
  /** Key columns; empty when the model has no `unique_key`. */
  readonly uniqueKey: readonly string[];
  /** `incremental_predicates`, each ANDed to the condition that picks existing rows. */
  readonly predicates: readonly string[];
  /** `merge`: columns to update on matched rows. */
  readonly updateColumns: readonly string[];
  /** `insert_overwrite`: partition columns. */
  readonly partitionBy: readonly string[];
}

/** A statement and the verb its row count is reported under. */
export interface StrategyStatement {
  readonly verb: 'INSERT' | 'MERGE' | 'DELETE';
  readonly sql: string;
}

/** A strategy: the statements that apply the new rows, in order. */
export type StrategySql = (input: StrategyInput) => readonly StrategyStatement[];

/** Inserts every new row. */
export function appendSql(input: StrategyInput): readonly StrategyStatement[] {
  const { dialect: d, target, source, columns } = input;
  return [{ verb: 'INSERT', sql: insertColumns(d, target, columns, `${source} AS ${SOURCE}`) }];
}

/**
 * One MERGE on key equality (so NULL keys never match) plus the predicates: matched rows get
 * `updateColumns`, the rest are inserted. Without a key the condition is FALSE: an append.
 */
export function mergeSql(input: StrategyInput): readonly StrategyStatement[] {
  const { dialect: d, target, source, columns, uniqueKey, predicates, updateColumns } = input;
  const keyMatch =
    uniqueKey.length > 0
      ? uniqueKey.map((k) => `${SOURCE}.${d.quoteIdent(k)} = ${DEST}.${d.quoteIdent(k)}`)
      : ['FALSE'];
  const lines = [
    `MERGE INTO ${d.renderRelation(target)} AS ${DEST}`,
    `USING ${source} AS ${SOURCE}`,
    `ON ${[...predicates, ...keyMatch].map((c) => `(${c})`).join(' AND ')}`,
  ];
  if (uniqueKey.length > 0 && updateColumns.length > 0) {
    const sets = updateColumns.map((c) => `${d.quoteIdent(c)} = ${SOURCE}.${d.quoteIdent(c)}`);
    lines.push(`WHEN MATCHED THEN UPDATE SET ${sets.join(', ')}`);
  }
  lines.push(
    `WHEN NOT MATCHED THEN INSERT (${columnList(d, columns)})`,
    `VALUES (${columnList(d, columns, SOURCE)})`,
  );
  return [{ verb: 'MERGE', sql: lines.join('\n') }];
}

/**
 * Deletes existing rows whose key occurs among the new rows (and match the predicates), then
 * inserts all new rows. Keys need not be unique. Without a key it is an append.
 */
export function deleteInsertSql(input: StrategyInput): readonly StrategyStatement[] {
  const { dialect: d, target, source, uniqueKey, predicates } = input;
  if (uniqueKey.length === 0) return appendSql(input);
  const where = [
    `(${columnList(d, uniqueKey, DEST)}) IN (` +
      `SELECT DISTINCT ${columnList(d, uniqueKey, SOURCE)} FROM ${source} AS ${SOURCE})`,
    ...predicates.map((p) => `(${p})`),
  ];
  return [deleteWhere(d, target, where), ...appendSql(input)];
}

/**
 * Replaces a slice of the table. Deletes the existing rows the new rows replace, then inserts
 * them: with `partitionBy`, rows whose partition values (NULL included, compared with
 * IS NOT DISTINCT FROM) occur among the new rows; with predicates, rows matching them; with
 * both, rows matching both; with neither, every row. This is dbt's default `insert_overwrite`
 * (a MERGE deleting every unmatched target row that satisfies the predicates) with Spark's
 * dynamic partition overwrite on top.
 */
export function insertOverwriteSql(input: StrategyInput): readonly StrategyStatement[] {
  const { dialect: d, target, source, predicates, partitionBy } = input;
  const where: string[] = [];
  if (partitionBy.length > 0) {
    const same = partitionBy
      .map((p) => `${SOURCE}.${d.quoteIdent(p)} IS NOT DISTINCT FROM ${DEST}.${d.quoteIdent(p)}`)
      .join(' AND ');
    where.push(`EXISTS (SELECT 1 FROM ${source} AS ${SOURCE} WHERE ${same})`);
  }
  where.push(...predicates.map((p) => `(${p})`));
  return [deleteWhere(d, target, where), ...appendSql(input)];
}

/** Every strategy by its `incremental_strategy` name. */
export const INCREMENTAL_STRATEGIES = {
  append: appendSql,
  merge: mergeSql,
  'delete+insert': deleteInsertSql,
  insert_overwrite: insertOverwriteSql,
} as const satisfies Record<IncrementalStrategy, StrategySql>;

function deleteWhere(
  d: Dialect,
  target: Relation,
  conditions: readonly string[],
): StrategyStatement {
  const head = `DELETE FROM ${d.renderRelation(target)} AS ${DEST}`;
  const sql = conditions.length === 0 ? head : `${head}\nWHERE ${conditions.join('\n  AND ')}`;
  return { verb: 'DELETE', sql };
}
