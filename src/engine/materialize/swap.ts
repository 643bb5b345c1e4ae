/**
 * Building beside the target and swapping in. A relation is built under `<name>__hrflow_tmp`;
 * the swap renames the target to `<name>__hrflow_backup`, the temporary relation to the target
 * and drops the backup, in one transaction. So a failed build never touches the target, and on
 * a warehouse without transactional DDL a crash at any point leaves names from which
 * {@link recoverLeftovers} restores the previous target.
 */
import type { Relation, RelationInfo, RelationType } from '../relation.js';
import { withSuffix } from '../relation.js';
import type { MaterializeContext } from './context.js';
import { countRows, createOrReplaceView, createTableAs, dropRelation } from './relation-sql.js';

/** Suffix of the relation a materialization builds beside its target (or stages changes in). */
export const TMP_SUFFIX = '__hrflow_tmp';
/** Suffix the target is renamed to during a swap, for the length of one transaction. */
export const BACKUP_SUFFIX = '__hrflow_backup';

/** `<target>__hrflow_tmp` in the target's schema. */
export function tmpRelation(target: Relation): Relation {
  return withSuffix(target, TMP_SUFFIX);
}

/** `<target>__hrflow_backup` in the target's schema. */
export function backupRelation(target: Relation): Relation {
  return withSuffix(target, BACKUP_SUFFIX);
}

/** The target after {@link recoverLeftovers}. */
export interface Recovered {
  /** The target as it exists now. */
  readonly existing: RelationInfo | undefined;
  /**
   * True when the target was missing and its backup was renamed back. The model was compiled
   * as if it had no target, so an incremental model must rebuild rather than add to it.
   */
  readonly restored: boolean;
}

/**
 * Step 1 of every materialization: clears what a crashed earlier run left behind. A stale
 * temporary relation is dropped. A stale backup is dropped when the target exists; when the
 * target is missing the crash hit mid-swap, and the backup, the last good version, is renamed
 * back.
 */
export async function recoverLeftovers(ctx: MaterializeContext): Promise<Recovered> {
  const { executor, dialect, target } = ctx;
  return ctx.step('recover leftovers', async () => {
    const [tmp, existing, backup] = await executor.describeMany([
      tmpRelation(target),
      target,
      backupRelation(target),
    ]);
    if (tmp) await executor.run(dropRelation(dialect, tmp, tmp.type));
    if (!backup) return { existing, restored: false };
    if (existing) {
      await executor.run(dropRelation(dialect, backup, backup.type));
      return { existing, restored: false };
    }
    await executor.run(dialect.renameRelation(backup, target, backup.type));
    return { existing: await executor.describe(target), restored: true };
  });
}

/**
 * Builds `sql` as a table (or view) under the temporary name and swaps it in for `existing`,
 * whatever type that has. Returns the new table's row count; undefined for a view.
 */
export async function buildAndSwap(
  ctx: MaterializeContext,
  existing: RelationInfo | undefined,
  type: RelationType,
  sql: string,
): Promise<number | undefined> {
  const { executor, dialect, target } = ctx;
  const tmp = tmpRelation(target);
  try {
    const built = await ctx.step(`build temporary ${type}`, async () => {
      if (type === 'view') {
        await executor.run(createOrReplaceView(dialect, tmp, sql));
        return undefined;
      }
      return (await executor.execute(createTableAs(dialect, tmp, sql))).rowsAffected;
    });

    // Warehouses that do not report what CREATE TABLE AS wrote are asked separately.
    const rows =
      type === 'view' || built !== undefined
        ? built
        : await ctx.step('count rows', () => rowCount(ctx, tmp));

    await ctx.step('swap in', () => swapIn(ctx, existing, type));
    return rows;
  } catch (error) {
    await recoverLeftovers(ctx).catch(() => undefined);
    throw error;
  }
}

/** The swap itself: backup out, temporary in, backup dropped, as one transaction. */
async function swapIn(
  ctx: MaterializeContext,
  existing: RelationInfo | undefined,
  type: RelationType,
): Promise<void> {
  const { executor, dialect, target } = ctx;
  const backup = backupRelation(target);
  await executor.transaction(async () => {
    if (existing) await executor.run(dialect.renameRelation(target, backup, existing.type));
    await executor.run(dialect.renameRelation(tmpRelation(target), target, type));
    if (existing) await executor.run(dropRelation(dialect, backup, existing.type));
  });
}

/** The relation's row count. */
export async function rowCount(ctx: MaterializeContext, rel: Relation): Promise<number> {
  const rows = await ctx.executor.query<{ row_count: unknown }>(countRows(ctx.dialect, rel));
  return Number(rows[0]?.row_count ?? 0);
}
