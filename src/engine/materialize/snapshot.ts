/**
 * The `snapshot` materialization (SCD type 2). Steps:
 * 1. recover leftovers;
 * 2. read the source query's columns and plan (config checked against them);
 * 3. check the source: no NULL key or `updated_at`, and each key once (unless `dedupe: latest`);
 * 4. first run: build the snapshot table beside the target and swap it in;
 * 5. later runs, in one transaction: add new columns, stage the changes, count them, MERGE
 *    them, verify the MERGE touched exactly one row per staged change, drop the staging table.
 * `--full-refresh` does not apply: a snapshot's history cannot be rebuilt from its source.
 */
import { HrflowError } from '../../core/errors.js';
import type { SnapshotConfig } from './config.js';
import type { MaterializeContext } from './context.js';
import type { DuplicateKeyRow } from './duplicate-keys.js';
import { duplicateKeyError, duplicateKeysQuery } from './duplicate-keys.js';
import type { MaterializeOutcome } from './outcome.js';
import { createTableAs, dropRelation } from './relation-sql.js';
import type { SnapshotPlan } from './snapshot-plan.js';
import { planSnapshot } from './snapshot-plan.js';
import {
  changeCountsSql,
  CHANGE_TYPE,
  firstSnapshotSql,
  snapshotMergeSql,
  sourceNullsSql,
  stagingSql,
} from './snapshot-sql.js';
import { buildAndSwap, recoverLeftovers, tmpRelation } from './swap.js';

/** Runs the steps above; the snapshot time is the context's `runStartedAt`. */
export async function materializeSnapshot(
  ctx: MaterializeContext,
  sql: string,
  config: SnapshotConfig,
): Promise<MaterializeOutcome> {
  const { executor, dialect: d } = ctx;
  const { existing } = await recoverLeftovers(ctx);
  const sourceColumns = await ctx.step('read source columns', () => executor.columnsOf(sql));
  const plan = planSnapshot({
    dialect: d,
    node: ctx.node,
    target: ctx.target,
    sql,
    config,
    sourceColumns,
    existing,
    runStartedAt: ctx.runStartedAt,
  });
  await ctx.step('check source', () => checkSource(ctx, plan));

  if (!existing) {
    const rows = await buildAndSwap(ctx, undefined, 'table', firstSnapshotSql(plan.input));
    return { status: status({ insert: rows ?? 0 }), rowsAffected: rows };
  }

  const staging = tmpRelation(ctx.target);
  try {
    const counts = await executor.transaction(async () => {
      await ctx.step('add new columns', async () => {
        for (const alter of plan.alters) await executor.run(alter);
      });
      await ctx.step('stage changes', () =>
        executor.run(createTableAs(d, staging, stagingSql(plan.input))),
      );
      const staged = await ctx.step('count changes', () => changeCounts(ctx));
      await ctx.step('merge changes', () => mergeChanges(ctx, plan, staged));
      await ctx.step('drop staging table', () => executor.run(dropRelation(d, staging, 'table')));
      return staged;
    });
    const total = (counts.insert ?? 0) + (counts.update ?? 0) + (counts.delete ?? 0);
    return { status: status(counts), rowsAffected: total };
  } catch (error) {
    await recoverLeftovers(ctx).catch(() => undefined);
    throw error;
  }
}

type ChangeCounts = Partial<Record<'insert' | 'update' | 'delete', number>>;

/** `SNAPSHOT 3 inserted 1 updated 0 deleted`; deletion versions count as inserted. */
function status(counts: ChangeCounts): string {
  const { insert = 0, update = 0 } = counts;
  return `SNAPSHOT ${insert} inserted ${update} updated ${counts.delete ?? 0} deleted`;
}

async function changeCounts(ctx: MaterializeContext): Promise<ChangeCounts> {
  const rows = await ctx.executor.query<Record<string, unknown>>(
    changeCountsSql(ctx.dialect, tmpRelation(ctx.target)),
  );
  const counts: Record<string, number> = {};
  for (const row of rows) counts[String(row[CHANGE_TYPE])] = Number(row.hrflow_rows);
  return counts;
}

/**
 * Runs the MERGE and, where the warehouse reports a count, requires one touched row per staged
 * change: otherwise a new version collided with an old one (snapshot times must increase) or
 * the table holds two current versions of a key, and the transaction is rolled back.
 */
async function mergeChanges(
  ctx: MaterializeContext,
  plan: SnapshotPlan,
  staged: ChangeCounts,
): Promise<void> {
  const expected = (staged.insert ?? 0) + (staged.update ?? 0) + (staged.delete ?? 0);
  const { rowsAffected } = await ctx.executor.execute(
    snapshotMergeSql(plan.input, tmpRelation(ctx.target)),
  );
  if (rowsAffected === undefined || rowsAffected === expected) return;
  throw new HrflowError(
    'snapshot-source-invalid',
    `${ctx.node.name}: ${expected} staged changes touched ${rowsAffected} rows of the snapshot ` +
      `table; nothing was changed`,
    {
      location: { node: ctx.node.id },
      details: { staged, rowsAffected },
      hint:
        `The snapshot time (${ctx.runStartedAt.toISOString()}) must be later than every ` +
        'change already recorded, updated_at must not lie in the future, and each key may ' +
        'have only one current version.',
    },
  );
}

/** Every source row needs a key and a change time, and each key may occur once. */
async function checkSource(ctx: MaterializeContext, plan: SnapshotPlan): Promise<void> {
  const { dialect: d, executor, node } = ctx;
  const keys = plan.input.uniqueKey;
  const [nulls] = await executor.query<Record<string, unknown>>(
    sourceNullsSql(d, plan.rawSql, keys, plan.updatedAt),
  );
  const nullKeys = Number(nulls?.hrflow_null_keys ?? 0);
  const nullUpdatedAt = Number(nulls?.hrflow_null_updated_at ?? 0);
  if (nullKeys > 0 || nullUpdatedAt > 0) {
    const what =
      nullKeys > 0
        ? `${nullKeys} source rows have a NULL in unique_key (${keys.join(', ')})`
        : `${nullUpdatedAt} source rows have a NULL ${plan.updatedAt ?? 'updated_at'}`;
    throw new HrflowError('snapshot-source-invalid', `${node.name}: ${what}`, {
      location: { node: node.id },
      details: { nullKeys, nullUpdatedAt },
      hint: 'Filter those rows out of the snapshot query or fill the column with coalesce().',
    });
  }

  if (plan.deduped) return;
  const duplicates = await executor.query<DuplicateKeyRow>(
    duplicateKeysQuery(d, `(\n${plan.rawSql}\n) AS snapshot_source`, keys),
  );
  if (duplicates.length > 0) {
    throw duplicateKeyError({
      code: 'snapshot-key-not-unique',
      node,
      where: 'the snapshot source',
      keys,
      rows: duplicates,
    });
  }
}
