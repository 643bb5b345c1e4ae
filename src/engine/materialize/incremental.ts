/**
 * The `incremental` materialization. Steps:
 * 1. recover leftovers;
 * 2. with no table yet, a view in its place, a backup just restored, or a full refresh: build
 *    and swap in a table like the `table` materialization;
 * 3. otherwise build the new rows as a table under the temporary name;
 * 4. plan `on_schema_change` against the existing table (may fail with `schema-changed`);
 * 5. check the merge key is unique among the new rows, or keep one row per key;
 * 6. in one transaction: alter the table, run the strategy's statements, drop the new rows.
 * Any failure drops the temporary table and leaves the existing one as it was.
 */
import type { Column } from '../relation.js';
import type { IncrementalConfig, IncrementalStrategy } from './config.js';
import type { MaterializeContext } from './context.js';
import { configError } from './context.js';
import { dedupeQuery, duplicateKeyError, duplicateKeysQuery } from './duplicate-keys.js';
import type { DuplicateKeyRow } from './duplicate-keys.js';
import type { StrategyStatement } from './incremental-strategies.js';
import { INCREMENTAL_STRATEGIES } from './incremental-strategies.js';
import { shouldFullRefresh } from './is-incremental.js';
import type { MaterializeOutcome } from './outcome.js';
import { asList, createTableAs, dropRelation, findColumn } from './relation-sql.js';
import { planSchemaChange } from './schema-change.js';
import { recoverLeftovers, tmpRelation } from './swap.js';
import { buildTable } from './table.js';

/** Runs the steps above; `fullRefreshFlag` is `--full-refresh`. */
export async function materializeIncremental(
  ctx: MaterializeContext,
  sql: string,
  config: IncrementalConfig,
  fullRefreshFlag: boolean,
): Promise<MaterializeOutcome> {
  const strategy = chooseStrategy(config);
  const { existing, restored } = await recoverLeftovers(ctx);
  const rebuild =
    !existing ||
    restored ||
    existing.type === 'view' ||
    shouldFullRefresh(fullRefreshFlag, config.full_refresh);
  if (rebuild) return buildTable(ctx, existing, sql);

  const { executor, dialect: d } = ctx;
  const tmp = tmpRelation(ctx.target);
  try {
    await ctx.step('build new rows', () => executor.run(createTableAs(d, tmp, sql)));
    const newColumns = await ctx.step('read new columns', async () => {
      const described = await executor.describe(tmp);
      return described?.columns ?? [];
    });

    const plan = planSchemaChange({
      dialect: d,
      node: ctx.node,
      mode: config.on_schema_change ?? 'ignore',
      target: ctx.target,
      source: newColumns,
      existing: existing.columns,
    });
    const settings = resolveColumns(ctx, config, strategy, newColumns, plan.columns);
    const source =
      strategy === 'merge' && settings.uniqueKey.length > 0
        ? await ctx.step('check unique key', () =>
            mergeSource(ctx, config, settings.uniqueKey, newColumns),
          )
        : d.renderRelation(tmp);

    const statements = INCREMENTAL_STRATEGIES[strategy]({
      dialect: d,
      target: ctx.target,
      source,
      columns: plan.columns,
      predicates: config.incremental_predicates ?? [],
      ...settings,
    });
    const counts = await ctx.step(`apply ${strategy}`, () =>
      executor.transaction(async () => {
        for (const alter of plan.statements) await executor.run(alter);
        const results: Count[] = [];
        for (const statement of statements) {
          results.push({ statement, rows: (await executor.execute(statement.sql)).rowsAffected });
        }
        await executor.run(dropRelation(d, tmp, 'table'));
        return results;
      }),
    );
    return outcome(counts);
  } catch (error) {
    await recoverLeftovers(ctx).catch(() => undefined);
    throw error;
  }
}

interface Count {
  readonly statement: StrategyStatement;
  readonly rows: number | undefined;
}

/** `DELETE 3 INSERT 5`, `MERGE 12`; rows affected summed when the warehouse reports them. */
function outcome(counts: readonly Count[]): MaterializeOutcome {
  const status = counts
    .map((c) => (c.rows === undefined ? c.statement.verb : `${c.statement.verb} ${c.rows}`))
    .join(' ');
  const known = counts.every((c) => c.rows !== undefined);
  return known
    ? { status, rowsAffected: counts.reduce((sum, c) => sum + (c.rows ?? 0), 0) }
    : { status };
}

/** The configured strategy, or dbt-duckdb's default: delete+insert with a key, else append. */
function chooseStrategy(config: IncrementalConfig): IncrementalStrategy {
  if (config.incremental_strategy) return config.incremental_strategy;
  return asList(config.unique_key).length > 0 ? 'delete+insert' : 'append';
}

interface ResolvedColumns {
  readonly uniqueKey: readonly string[];
  readonly updateColumns: readonly string[];
  readonly partitionBy: readonly string[];
}

/**
 * Resolves the column names in the config against the columns being written, so a typo is a
 * `config-invalid` error naming the column rather than a SQL error.
 */
function resolveColumns(
  ctx: MaterializeContext,
  config: IncrementalConfig,
  strategy: IncrementalStrategy,
  newColumns: readonly Column[],
  written: readonly string[],
): ResolvedColumns {
  const available = written
    .map((name) => findColumn(newColumns, name))
    .filter((c): c is Column => c !== undefined);
  const pick = (setting: string, names: readonly string[]): string[] =>
    names.map((name) => {
      const column = findColumn(available, name);
      if (!column) {
        throw configError(
          ctx.node,
          `${setting} names ${name}, which is not a column written by the model ` +
            `(columns: ${available.map((c) => c.name).join(', ')})`,
        );
      }
      return column.name;
    });

  const uniqueKey = strategy === 'append' ? [] : pick('unique_key', asList(config.unique_key));
  const partitionBy =
    strategy === 'insert_overwrite' ? pick('partition_by', asList(config.partition_by)) : [];
  if (config.merge_update_columns && config.merge_exclude_columns) {
    throw configError(
      ctx.node,
      'merge_update_columns and merge_exclude_columns cannot both be set',
      'Keep the one that is shorter to write.',
    );
  }
  let updateColumns = available.map((c) => c.name);
  if (config.merge_update_columns) {
    updateColumns = pick('merge_update_columns', config.merge_update_columns);
  } else if (config.merge_exclude_columns) {
    const excluded = pick('merge_exclude_columns', config.merge_exclude_columns);
    updateColumns = updateColumns.filter((c) => !excluded.includes(c));
  }
  return { uniqueKey, updateColumns, partitionBy };
}

/**
 * The MERGE source: the new rows themselves once their key proves unique, or one row per key
 * with `dedupe: latest`.
 */
async function mergeSource(
  ctx: MaterializeContext,
  config: IncrementalConfig,
  uniqueKey: readonly string[],
  newColumns: readonly Column[],
): Promise<string> {
  const { dialect: d, executor } = ctx;
  const from = d.renderRelation(tmpRelation(ctx.target));
  if ((config.dedupe ?? 'fail') === 'latest') {
    const by =
      config.dedupe_by === undefined ? undefined : findColumn(newColumns, config.dedupe_by);
    if (!by) {
      throw configError(
        ctx.node,
        config.dedupe_by === undefined
          ? 'dedupe: latest needs dedupe_by, the column whose greatest value wins'
          : `dedupe_by names ${config.dedupe_by}, which is not a column of the model`,
      );
    }
    const columns = newColumns.map((c) => c.name);
    return `(\n${dedupeQuery(d, from, columns, uniqueKey, by.name)}\n)`;
  }

  const duplicates = await executor.query<DuplicateKeyRow>(duplicateKeysQuery(d, from, uniqueKey));
  if (duplicates.length > 0) {
    throw duplicateKeyError({
      code: 'merge-key-not-unique',
      node: ctx.node,
      where: 'the new rows',
      keys: uniqueKey,
      rows: duplicates,
    });
  }
  return from;
}
