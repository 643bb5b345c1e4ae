/**
 * Turns a snapshot's config, its source columns and the existing snapshot table into everything
 * the SQL builders need, checking what a schema cannot: that keys and columns exist, that
 * bookkeeping names do not clash with source columns, that the table is a snapshot table. Pure.
 */
import { HrflowError } from '../../core/errors.js';
import type { Dialect } from '../adapters/adapter.js';
import type { Column, Relation, RelationInfo } from '../relation.js';
import type { HardDeletes, SnapshotConfig } from './config.js';
import type { NodeRef } from './context.js';
import { configError } from './context.js';
import { dedupeQuery } from './duplicate-keys.js';
import { addColumn, asList, findColumn } from './relation-sql.js';
import type { MetaColumns, SnapshotSqlInput } from './snapshot-sql.js';
import { CHANGE_TYPE } from './snapshot-sql.js';
import { SNAPSHOT_STRATEGIES } from './snapshot-strategies.js';

/** Everything a snapshot run needs besides the warehouse. */
export interface SnapshotPlan {
  readonly input: SnapshotSqlInput;
  /** Statements adding columns the snapshot table lacks: new source columns, `dbt_is_deleted`. */
  readonly alters: readonly string[];
  /** The source query before any dedupe, for the uniqueness check. */
  readonly rawSql: string;
  /** Source column dating changes, checked for NULLs; none for check without `updated_at`. */
  readonly updatedAt: string | undefined;
  /** True with `dedupe: latest`: the source is reduced to one row per key, not checked. */
  readonly deduped: boolean;
}

/** Checks the config against the source columns and the existing table, and plans the run. */
export function planSnapshot(options: {
  readonly dialect: Dialect;
  readonly node: NodeRef;
  readonly target: Relation;
  readonly sql: string;
  readonly config: SnapshotConfig;
  readonly sourceColumns: readonly Column[];
  /** The snapshot table, when it exists. */
  readonly existing: RelationInfo | undefined;
  readonly runStartedAt: Date;
}): SnapshotPlan {
  const { dialect: d, node, config, sourceColumns, existing } = options;
  const hardDeletes = resolveHardDeletes(node, config);
  const meta = resolveMeta(config);
  const source = (setting: string, name: string): string => {
    const column = findColumn(sourceColumns, name);
    if (!column) {
      throw configError(
        node,
        `${setting} names ${name}, which is not a column of the snapshot query ` +
          `(columns: ${sourceColumns.map((c) => c.name).join(', ')})`,
      );
    }
    return column.name;
  };
  const uniqueKey = asList(config.unique_key).map((k) => source('unique_key', k));
  if (uniqueKey.length === 0) throw configError(node, 'unique_key must name at least one column');
  const updatedAt =
    config.updated_at === undefined ? undefined : source('updated_at', config.updated_at);
  checkNoClash(node, meta, hardDeletes, sourceColumns);
  if (existing) checkSnapshotTable(node, meta, existing);

  const timeType = existing
    ? (findColumn(existing.columns, meta.validFrom)?.type ?? d.typeName('timestamp'))
    : (sourceColumns.find((c) => c.name === updatedAt)?.type ?? d.typeName('timestamp'));
  const literal = d.timestampLiteral(options.runStartedAt);
  const snapshotTime =
    timeType === d.typeName('timestamp') ? literal : `CAST(${literal} AS ${timeType})`;

  const checked =
    config.strategy === 'check'
      ? config.check_cols === 'all'
        ? sourceColumns.map((c) => c.name)
        : config.check_cols.map((c) => source('check_cols', c))
      : [];
  const existingColumns = existing?.columns ?? sourceColumns;
  const strategy = SNAPSHOT_STRATEGIES[config.strategy]({
    dialect: d,
    validFrom: meta.validFrom,
    snapshotTime,
    updatedAt,
    checkCols: checked.filter((c) => findColumn(existingColumns, c)),
    columnAdded: checked.some((c) => !findColumn(existingColumns, c)),
  });

  const columns = sourceColumns.map((c) => c.name);
  let sql = options.sql;
  const deduped = config.dedupe === 'latest';
  if (deduped) {
    const by = config.dedupe_by ?? updatedAt;
    if (by === undefined) {
      throw configError(
        node,
        'dedupe: latest needs dedupe_by (or updated_at), the column whose greatest value wins',
      );
    }
    const from = `(\n${sql}\n) AS snapshot_source`;
    sql = dedupeQuery(d, from, columns, uniqueKey, source('dedupe_by', by));
  }

  return {
    input: {
      dialect: d,
      target: options.target,
      sql,
      columns,
      uniqueKey,
      meta,
      hardDeletes,
      validToCurrent: config.dbt_valid_to_current,
      timeType,
      snapshotTime,
      strategy,
    },
    alters: existing
      ? missingColumns(d, options.target, existing, sourceColumns, meta, hardDeletes)
      : [],
    rawSql: options.sql,
    updatedAt,
    deduped,
  };
}

/** `hard_deletes`, or the legacy `invalidate_hard_deletes`; both set is an error, as in dbt. */
export function resolveHardDeletes(node: NodeRef, config: SnapshotConfig): HardDeletes {
  if (config.hard_deletes !== undefined && config.invalidate_hard_deletes !== undefined) {
    throw configError(
      node,
      'hard_deletes and invalidate_hard_deletes cannot both be set',
      'Drop invalidate_hard_deletes; `hard_deletes: invalidate` means the same.',
    );
  }
  if (config.invalidate_hard_deletes) return 'invalidate';
  return config.hard_deletes ?? 'ignore';
}

/** The bookkeeping column names, with `snapshot_meta_column_names` applied. */
export function resolveMeta(config: SnapshotConfig): MetaColumns {
  const names = config.snapshot_meta_column_names ?? {};
  return {
    scdId: names.dbt_scd_id ?? 'dbt_scd_id',
    updatedAt: names.dbt_updated_at ?? 'dbt_updated_at',
    validFrom: names.dbt_valid_from ?? 'dbt_valid_from',
    validTo: names.dbt_valid_to ?? 'dbt_valid_to',
    isDeleted: names.dbt_is_deleted ?? 'dbt_is_deleted',
  };
}

function metaNames(meta: MetaColumns, hardDeletes: HardDeletes): string[] {
  const names = [meta.scdId, meta.updatedAt, meta.validFrom, meta.validTo];
  if (hardDeletes === 'new_record') names.push(meta.isDeleted);
  return names;
}

function checkNoClash(
  node: NodeRef,
  meta: MetaColumns,
  hardDeletes: HardDeletes,
  sourceColumns: readonly Column[],
): void {
  const clashes = [...metaNames(meta, hardDeletes), CHANGE_TYPE].filter((name) =>
    findColumn(sourceColumns, name),
  );
  if (clashes.length > 0) {
    throw configError(
      node,
      `the snapshot query returns ${clashes.join(', ')}, which the snapshot writes itself`,
      'Rename those columns in the query, or rename the bookkeeping columns with ' +
        'snapshot_meta_column_names.',
    );
  }
}

/** The existing relation must be a table with the bookkeeping columns. */
function checkSnapshotTable(node: NodeRef, meta: MetaColumns, existing: RelationInfo): void {
  if (existing.type !== 'table') {
    throw configError(
      node,
      `${existing.schema}.${existing.identifier} is a ${existing.type}, not a snapshot table`,
      'Drop it or give the snapshot another name.',
    );
  }
  const missing = [meta.scdId, meta.updatedAt, meta.validFrom, meta.validTo].filter(
    (name) => !findColumn(existing.columns, name),
  );
  if (missing.length > 0) {
    throw new HrflowError(
      'schema-changed',
      `${node.name}: the snapshot table lacks ${missing.join(', ')}`,
      {
        location: { node: node.id },
        details: { missing },
        hint:
          'If snapshot_meta_column_names changed, rename the table columns to match; ' +
          'otherwise the table is not this snapshot: give the snapshot another name.',
      },
    );
  }
}

/** Source columns new to the snapshot table, and the deletion flag once new_record is on. */
function missingColumns(
  d: Dialect,
  target: Relation,
  existing: RelationInfo,
  sourceColumns: readonly Column[],
  meta: MetaColumns,
  hardDeletes: HardDeletes,
): string[] {
  const added = sourceColumns.filter((c) => !findColumn(existing.columns, c.name));
  if (hardDeletes === 'new_record' && !findColumn(existing.columns, meta.isDeleted)) {
    added.push({ name: meta.isDeleted, type: d.typeName('string') });
  }
  return added.map((c) => addColumn(d, target, c));
}
