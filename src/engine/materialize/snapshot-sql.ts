/**
 * SQL of the snapshot materialization (SCD type 2), dbt's semantics. Pure builders over a
 * {@link SnapshotSqlInput}.
 *
 * One deliberate difference from dbt: a new version starts at the source's `updated_at` only
 * when that is later than the key's last recorded change (its latest valid-from, or valid-to of
 * a closed version); otherwise at the snapshot time. dbt starts it at `updated_at` regardless,
 * so a key that re-appears unchanged after a hard delete, or a check-strategy change that did
 * not move `updated_at`, gets a version overlapping the history, or none at all when its
 * `dbt_scd_id` collides with an old version's. Whenever dbt's result is sound the two agree.
 */
import type { Dialect } from '../adapters/adapter.js';
import type { Relation } from '../relation.js';
import type { HardDeletes } from './config.js';
import { columnList } from './relation-sql.js';
import type { SnapshotStrategyFragments } from './snapshot-strategies.js';

/** Resolved names of the bookkeeping columns. */
export interface MetaColumns {
  readonly scdId: string;
  readonly updatedAt: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Only written with `hard_deletes: new_record`. */
  readonly isDeleted: string;
}

/** Name of the staging column saying what each staged row does. */
export const CHANGE_TYPE = 'dbt_change_type';

/** Everything the snapshot SQL builders need, resolved and checked. */
export interface SnapshotSqlInput {
  readonly dialect: Dialect;
  readonly target: Relation;
  /** The source query, already reduced to one row per key when `dedupe` asks for it. */
  readonly sql: string;
  /** The source query's columns. */
  readonly columns: readonly string[];
  readonly uniqueKey: readonly string[];
  readonly meta: MetaColumns;
  readonly hardDeletes: HardDeletes;
  /** `dbt_valid_to_current` as written in the config, a SQL expression. */
  readonly validToCurrent: string | undefined;
  /** Type of the valid-from, valid-to and updated-at columns. */
  readonly timeType: string;
  /** The snapshot time as an expression of `timeType`. */
  readonly snapshotTime: string;
  readonly strategy: SnapshotStrategyFragments;
}

/** The SELECT that creates the snapshot table on the first run: every row starts a version. */
export function firstSnapshotSql(input: SnapshotSqlInput): string {
  const { dialect: d, meta, strategy } = input;
  const q = (name: string): string => d.quoteIdent(name);
  const updatedAt = strategy.updatedAt('snapshot_source');
  const lines = [
    `SELECT ${columnList(d, input.columns, 'snapshot_source')},`,
    `  ${scdId(input, 'snapshot_source', updatedAt)} AS ${q(meta.scdId)},`,
    `  ${updatedAt} AS ${q(meta.updatedAt)},`,
    `  ${updatedAt} AS ${q(meta.validFrom)},`,
    `  ${currentValidTo(input)} AS ${q(meta.validTo)}`,
  ];
  if (input.hardDeletes === 'new_record') {
    lines[lines.length - 1] += ',';
    lines.push(`  'False' AS ${q(meta.isDeleted)}`);
  }
  lines.push('FROM (', input.sql, ') AS snapshot_source');
  return lines.join('\n');
}

/**
 * The SELECT of staged changes on later runs, one row per change with `dbt_change_type`:
 * - `insert`: a new version, for a key that is new, changed, re-appearing after a hard delete,
 *   or (new_record) the deletion version of a key that vanished;
 * - `update`: closes the current version of a changed key at the new version's start;
 * - `delete` (invalidate, new_record): closes the current version of a vanished key at the
 *   snapshot time, unless it already is a deletion version.
 */
export function stagingSql(input: SnapshotSqlInput): string {
  const { dialect: d, target, meta, strategy, uniqueKey, snapshotTime } = input;
  const q = (name: string): string => d.quoteIdent(name);
  const newRecord = input.hardDeletes === 'new_record';
  const tracksDeletes = input.hardDeletes !== 'ignore';
  const firstKey = q(uniqueKey[0] ?? '');
  const updatedAt = strategy.updatedAt('snapshot_source');
  const isDeleted = `current_versions.${q(meta.isDeleted)}`;
  const changed =
    strategy.rowChanged('current_versions', 'source_versions') +
    (newRecord ? ` OR ${isDeleted} = 'True'` : '');
  const sourceColumns = (alias: string): string => columnList(d, input.columns, alias);
  const newStart = `source_versions.${q(meta.validFrom)}`;
  const on = (left: string, right: string): string => keysMatch(d, uniqueKey, left, right);

  const ctes = [
    `snapshot_source AS (\n${input.sql}\n)`,
    cte('current_versions', [
      `SELECT * FROM ${d.renderRelation(target)}`,
      `WHERE ${isCurrent(input, q(meta.validTo))}`,
    ]),
    cte('key_history', [
      `SELECT ${columnList(d, uniqueKey)},`,
      `  max(CASE WHEN ${isCurrent(input, q(meta.validTo))} THEN ${q(meta.validFrom)} ` +
        `ELSE ${q(meta.validTo)} END) AS hrflow_last_change`,
      `FROM ${d.renderRelation(target)}`,
      `GROUP BY ${columnList(d, uniqueKey)}`,
    ]),
    cte('source_versions', [
      `SELECT snapshot_source.*,`,
      `  ${updatedAt} AS ${q(meta.updatedAt)},`,
      `  CASE WHEN key_history.hrflow_last_change IS NULL` +
        ` OR ${updatedAt} > key_history.hrflow_last_change`,
      `    THEN ${updatedAt} ELSE ${snapshotTime} END AS ${q(meta.validFrom)}`,
      `FROM snapshot_source`,
      `LEFT JOIN key_history ON ${on('snapshot_source', 'key_history')}`,
    ]),
    cte('insertions', [
      `SELECT 'insert' AS ${CHANGE_TYPE}, ${sourceColumns('source_versions')},`,
      `  ${scdId(input, 'source_versions', newStart)} AS ${q(meta.scdId)},`,
      `  source_versions.${q(meta.updatedAt)},`,
      `  source_versions.${q(meta.validFrom)},`,
      `  ${currentValidTo(input)} AS ${q(meta.validTo)}${newRecord ? ',' : ''}`,
      ...(newRecord ? [`  'False' AS ${q(meta.isDeleted)}`] : []),
      `FROM source_versions`,
      `LEFT JOIN current_versions ON ${on('source_versions', 'current_versions')}`,
      `WHERE current_versions.${firstKey} IS NULL OR ${changed}`,
    ]),
    cte('updates', [
      `SELECT 'update' AS ${CHANGE_TYPE}, ${sourceColumns('source_versions')},`,
      `  current_versions.${q(meta.scdId)},`,
      `  source_versions.${q(meta.updatedAt)},`,
      `  source_versions.${q(meta.validFrom)},`,
      `  source_versions.${q(meta.validFrom)} AS ${q(meta.validTo)}${newRecord ? ',' : ''}`,
      ...(newRecord ? [`  ${isDeleted}`] : []),
      `FROM source_versions`,
      `JOIN current_versions ON ${on('source_versions', 'current_versions')}`,
      `WHERE ${changed}`,
    ]),
  ];
  const vanished = [
    `FROM current_versions`,
    `LEFT JOIN snapshot_source ON ${on('current_versions', 'snapshot_source')}`,
    `WHERE snapshot_source.${firstKey} IS NULL` +
      (newRecord ? ` AND ${isDeleted} IS DISTINCT FROM 'True'` : ''),
  ];
  if (tracksDeletes) {
    ctes.push(
      cte('deletes', [
        `SELECT 'delete' AS ${CHANGE_TYPE}, ${sourceColumns('current_versions')},`,
        `  current_versions.${q(meta.scdId)},`,
        `  ${snapshotTime} AS ${q(meta.updatedAt)},`,
        `  ${snapshotTime} AS ${q(meta.validFrom)},`,
        `  ${snapshotTime} AS ${q(meta.validTo)}${newRecord ? ',' : ''}`,
        ...(newRecord ? [`  ${isDeleted}`] : []),
        ...vanished,
      ]),
    );
  }
  if (newRecord) {
    ctes.push(
      cte('deletion_records', [
        `SELECT 'insert' AS ${CHANGE_TYPE}, ${sourceColumns('current_versions')},`,
        `  ${hash(d, [`current_versions.${q(meta.scdId)}`, snapshotTime])} AS ${q(meta.scdId)},`,
        `  ${snapshotTime} AS ${q(meta.updatedAt)},`,
        `  ${snapshotTime} AS ${q(meta.validFrom)},`,
        `  current_versions.${q(meta.validTo)},`,
        `  'True' AS ${q(meta.isDeleted)}`,
        ...vanished,
      ]),
    );
  }

  const parts = ['insertions', 'updates'];
  if (tracksDeletes) parts.push('deletes');
  if (newRecord) parts.push('deletion_records');
  return [
    `WITH ${ctes.join(',\n')}`,
    parts.map((p) => `SELECT * FROM ${p}`).join('\nUNION ALL\n'),
  ].join('\n');
}

/**
 * Applies staged changes: `update` and `delete` rows close the current version with the same
 * `dbt_scd_id`; `insert` rows become new versions. Each staged row touches exactly one row.
 */
export function snapshotMergeSql(input: SnapshotSqlInput, staging: Relation): string {
  const { dialect: d, meta } = input;
  const q = (name: string): string => d.quoteIdent(name);
  const columns = insertedColumns(input);
  return [
    `MERGE INTO ${d.renderRelation(input.target)} AS DBT_INTERNAL_DEST`,
    `USING ${d.renderRelation(staging)} AS DBT_INTERNAL_SOURCE`,
    `ON DBT_INTERNAL_SOURCE.${q(meta.scdId)} = DBT_INTERNAL_DEST.${q(meta.scdId)}`,
    `WHEN MATCHED AND ${isCurrent(input, `DBT_INTERNAL_DEST.${q(meta.validTo)}`)}` +
      ` AND DBT_INTERNAL_SOURCE.${CHANGE_TYPE} IN ('update', 'delete')`,
    `  THEN UPDATE SET ${q(meta.validTo)} = DBT_INTERNAL_SOURCE.${q(meta.validTo)}`,
    `WHEN NOT MATCHED AND DBT_INTERNAL_SOURCE.${CHANGE_TYPE} = 'insert'`,
    `  THEN INSERT (${columnList(d, columns)})`,
    `  VALUES (${columnList(d, columns, 'DBT_INTERNAL_SOURCE')})`,
  ].join('\n');
}

/** How many staged rows of each change type: columns `dbt_change_type`, `hrflow_rows`. */
export function changeCountsSql(d: Dialect, staging: Relation): string {
  return (
    `SELECT ${CHANGE_TYPE}, count(*) AS hrflow_rows FROM ${d.renderRelation(staging)} ` +
    `GROUP BY ${CHANGE_TYPE}`
  );
}

/**
 * One row counting source rows whose key has a NULL part (`hrflow_null_keys`) and, given an
 * `updated_at` column, rows where it is NULL (`hrflow_null_updated_at`).
 */
export function sourceNullsSql(
  d: Dialect,
  sql: string,
  uniqueKey: readonly string[],
  updatedAt: string | undefined,
): string {
  const nullKey = uniqueKey.map((k) => `${d.quoteIdent(k)} IS NULL`).join(' OR ');
  const lines = [`SELECT count(*) FILTER (WHERE ${nullKey}) AS hrflow_null_keys`];
  if (updatedAt !== undefined) {
    lines[0] += ',';
    lines.push(
      `  count(*) FILTER (WHERE ${d.quoteIdent(updatedAt)} IS NULL) AS hrflow_null_updated_at`,
    );
  }
  lines.push('FROM (', sql, ') AS snapshot_source');
  return lines.join('\n');
}

/** The columns a new version is written with: the source's, then the bookkeeping ones. */
export function insertedColumns(input: SnapshotSqlInput): readonly string[] {
  const { meta } = input;
  const columns = [...input.columns, meta.scdId, meta.updatedAt, meta.validFrom, meta.validTo];
  if (input.hardDeletes === 'new_record') columns.push(meta.isDeleted);
  return columns;
}

/**
 * dbt's version id: md5 of the key parts and the version's start, each cast to text with NULL
 * as empty, joined by `|`.
 */
function scdId(input: SnapshotSqlInput, alias: string, start: string): string {
  const d = input.dialect;
  return hash(d, [...input.uniqueKey.map((k) => `${alias}.${d.quoteIdent(k)}`), start]);
}

function hash(d: Dialect, parts: readonly string[]): string {
  const text = d.typeName('string');
  return `md5(${parts.map((p) => `coalesce(CAST(${p} AS ${text}), '')`).join(` || '|' || `)})`;
}

/** What a current version holds in valid-to: NULL, or `dbt_valid_to_current`. */
function currentValidTo(input: SnapshotSqlInput): string {
  return `CAST(${input.validToCurrent ?? 'NULL'} AS ${input.timeType})`;
}

/** Whether a valid-to value marks a current version; NULL always does. */
function isCurrent(input: SnapshotSqlInput, validTo: string): string {
  if (input.validToCurrent === undefined) return `${validTo} IS NULL`;
  return `(${validTo} IS NULL OR ${validTo} = ${currentValidTo(input)})`;
}

function keysMatch(d: Dialect, keys: readonly string[], left: string, right: string): string {
  return keys.map((k) => `${left}.${d.quoteIdent(k)} = ${right}.${d.quoteIdent(k)}`).join(' AND ');
}

function cte(name: string, lines: readonly string[]): string {
  return `${name} AS (\n${lines.map((l) => `  ${l}`).join('\n')}\n)`;
}
