/**
 * What running one node means, per kind: render it (phase two) with facts the warehouse answers,
 * keep the compiled SQL, then materialize it or, for a test, count its failing rows.
 */
import { asHrflowError, HrflowError } from '../../core/errors.js';
import type { Executor } from '../adapters/adapter.js';
import { storeFailuresRelation } from '../compile/manifest.js';
import type { Manifest, ManifestNode } from '../compile/manifest.js';
import { renderNodeHooks } from '../compile/hooks.js';
import { ephemeralAncestors, relationValue, renderNode } from '../compile/render-node.js';
import type { RenderFacts } from '../compile/render-node.js';
import { RelationValue } from '../compile/values.js';
import type { IncrementalConfig, SeedConfig, SnapshotConfig } from '../materialize/config.js';
import { isIncremental } from '../materialize/is-incremental.js';
import { materialize } from '../materialize/materialize.js';
import type { NodeId } from '../project/nodes.js';
import type { NodeResult, NodeStatus } from './results.js';
import type { CompiledSqlWriter } from './compiled-writer.js';
import type { SchedulableNode } from './scheduler.js';
import { testConfig, testStatus, testWrapperSql } from './test-query.js';

export interface NodeWorkOptions {
  readonly manifest: Manifest;
  readonly fullRefresh: boolean;
  /** Render only: `hrflow compile`. */
  readonly compileOnly: boolean;
  /** Keeps compiled SQL under `target/compiled/<project>/`; undefined to keep nothing. */
  readonly compiled?: CompiledSqlWriter;
  readonly runStartedAt: Date;
  /** `--warn-error`: a test that would warn fails instead. */
  readonly warnError: boolean;
  /** `--store-failures`: store every test's failing rows unless its config says not to. */
  readonly storeFailures: boolean;
}

/** Runs one node on a worker's executor and reports the outcome as data. */
export async function runNode(
  options: NodeWorkOptions,
  node: SchedulableNode,
  executor: Executor,
  threadId: string,
): Promise<NodeResult> {
  const entry = options.manifest.nodes.get(node.id);
  const startedAt = new Date();
  const done = (
    status: NodeStatus,
    message: string,
    extra: Partial<NodeResult> = {},
  ): NodeResult => {
    const completedAt = new Date();
    return {
      id: node.id,
      kind: node.kind,
      name: node.name,
      status,
      message,
      startedAt,
      completedAt,
      executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000,
      threadId,
      ...(entry?.relation ? { relation: entry.relation } : {}),
      ...extra,
    };
  };
  if (!entry) return done('error', `unknown node ${node.id}`);

  let compiledSql: string | undefined;
  try {
    switch (entry.node.kind) {
      case 'model':
      case 'snapshot': {
        const compiled = await compileWithFacts(options, entry, executor);
        compiledSql = compiled.sql;
        if (options.compileOnly) return done('success', 'compiled', { compiledSql });
        if (entry.config.materialized === 'ephemeral') {
          return done('success', 'EPHEMERAL (inlined where used)', { compiledSql });
        }
        await runNodeHooks(options, entry, executor, compiled.facts, 'pre_hook');
        const outcome = await materializeEntry(options, entry, executor, compiledSql);
        await runNodeHooks(options, entry, executor, compiled.facts, 'post_hook');
        return done('success', outcome.status, {
          compiledSql,
          ...(outcome.rowsAffected !== undefined ? { rowsAffected: outcome.rowsAffected } : {}),
        });
      }
      case 'seed': {
        if (options.compileOnly) return done('success', 'seed');
        const facts = { isIncremental: false, fullRefresh: options.fullRefresh };
        await runNodeHooks(options, entry, executor, facts, 'pre_hook');
        const outcome = await materializeEntry(options, entry, executor, undefined);
        await runNodeHooks(options, entry, executor, facts, 'post_hook');
        return done(
          'success',
          outcome.status,
          outcome.rowsAffected !== undefined ? { rowsAffected: outcome.rowsAffected } : {},
        );
      }
      case 'test':
        return await runTest(options, entry, executor, done);
      case 'source':
      case 'exposure':
        return done('success', 'nothing to run');
    }
  } catch (error) {
    const err = withCompiledLine(withNode(asHrflowError(error), entry), compiledSql);
    return done('error', err.message, { error: err, ...(compiledSql ? { compiledSql } : {}) });
  }
}

async function compileWithFacts(
  options: NodeWorkOptions,
  entry: ManifestNode,
  executor: Executor,
): Promise<{ sql: string; facts: RenderFacts }> {
  const { manifest } = options;
  const materialized = String(entry.config.materialized ?? '');
  // Only an incremental model's SQL depends on what exists; others skip the catalog lookup.
  const existing =
    entry.relation && materialized === 'incremental'
      ? await executor.describe(entry.relation)
      : undefined;
  const fullRefreshConfig = entry.config.full_refresh;
  const incremental = isIncremental({
    materialized,
    existing,
    fullRefreshFlag: options.fullRefresh,
    ...(typeof fullRefreshConfig === 'boolean' ? { configFullRefresh: fullRefreshConfig } : {}),
  });
  const facts = { isIncremental: incremental, fullRefresh: options.fullRefresh };
  const sql = renderNode(manifest, entry.node.id, facts);
  await writeCompiled(options, entry, sql);
  await writeEphemeralsCompiled(options, entry);
  return { sql, facts };
}

/**
 * Ephemeral models never run, but as in dbt their compiled SQL lands under target/compiled when
 * a node that inlines them is compiled; once per run each.
 */
async function writeEphemeralsCompiled(
  options: NodeWorkOptions,
  entry: ManifestNode,
): Promise<void> {
  const writer = options.compiled;
  if (!writer) return;
  for (const id of ephemeralAncestors(options.manifest, entry.node.id)) {
    const ephemeral = options.manifest.nodes.get(id);
    if (!ephemeral || !writer.claimEphemeral(id)) continue;
    const sql = renderNode(options.manifest, id, { isIncremental: false, fullRefresh: false });
    await writer.write(ephemeral.node, sql);
  }
}

/**
 * Renders a node's `pre_hook` or `post_hook` statements with the facts its SQL was rendered with
 * and runs them, in order, on the node's own connection. A failing hook fails the node.
 */
async function runNodeHooks(
  options: NodeWorkOptions,
  entry: ManifestNode,
  executor: Executor,
  facts: RenderFacts,
  when: 'pre_hook' | 'post_hook',
): Promise<void> {
  const statements = renderNodeHooks(options.manifest, entry.node.id, facts, when);
  const label = when === 'pre_hook' ? 'pre-hook' : 'post-hook';
  for (const [i, sql] of statements.entries()) {
    try {
      await executor.run(sql);
    } catch (error) {
      const err = asHrflowError(error);
      throw new HrflowError(
        err.code,
        `${entry.node.name}: ${label} ${i + 1} failed: ${err.message}`,
        {
          location: { file: entry.node.path, node: entry.node.id },
          cause: err,
          hint: err.hint ?? `Check the ${label} SQL: ${sql.trim().slice(0, 200)}`,
        },
      );
    }
  }
}

async function materializeEntry(
  options: NodeWorkOptions,
  entry: ManifestNode,
  executor: Executor,
  sql: string | undefined,
) {
  const node = entry.node;
  if (!entry.relation) throw new HrflowError('internal', `${node.id} has no relation to build`);
  const base = {
    node: { id: node.id, name: node.name },
    relation: entry.relation,
    fullRefresh: options.fullRefresh,
    runStartedAt: options.runStartedAt,
    executor,
  };
  if (node.kind === 'seed') {
    return materialize({
      ...base,
      kind: 'seed',
      csvPath: node.csvPath,
      config: entry.config as SeedConfig,
    });
  }
  const body = sql ?? '';
  if (node.kind === 'snapshot') {
    return materialize({
      ...base,
      kind: 'snapshot',
      sql: body,
      config: entry.config as unknown as SnapshotConfig,
    });
  }
  const materialized = String(entry.config.materialized ?? 'view');
  switch (materialized) {
    case 'view':
      return materialize({ ...base, kind: 'view', sql: body, config: entry.config });
    case 'table':
      return materialize({ ...base, kind: 'table', sql: body, config: entry.config });
    case 'incremental':
      return materialize({
        ...base,
        kind: 'incremental',
        sql: body,
        config: entry.config as IncrementalConfig,
      });
    default:
      throw new HrflowError(
        'config-invalid',
        `${node.name}: unknown materialization '${materialized}'`,
        {
          location: { file: node.path, node: node.id },
          hint: 'Use view, table, incremental or ephemeral.',
        },
      );
  }
}

async function runTest(
  options: NodeWorkOptions,
  entry: ManifestNode,
  executor: Executor,
  done: (status: NodeStatus, message: string, extra?: Partial<NodeResult>) => NodeResult,
): Promise<NodeResult> {
  const { manifest } = options;
  const node = entry.node;
  if (node.kind !== 'test') throw new HrflowError('internal', `${node.id} is not a test`);
  const config = testConfig(entry.config, node, { storeFailures: options.storeFailures });
  const attached = node.attachedNode;
  const override = (id: NodeId): RelationValue | undefined => {
    if (!config.where || id !== attached) return undefined;
    const base = relationValue(manifest, id);
    return new RelationValue(
      base.relation,
      manifest.dialect,
      `(select * from ${base.toString()} where ${config.where}) dbt_subquery`,
    );
  };
  const sql = renderNode(manifest, node.id, {
    isIncremental: false,
    fullRefresh: false,
    relationOverride: override,
  });
  await writeCompiled(options, entry, sql);
  if (options.compileOnly) return done('success', 'compiled', { compiledSql: sql });

  if (config.storeFailures !== 'none') {
    const audit = storeFailuresRelation(manifest, node.id);
    const d = manifest.dialect;
    await executor.ensureSchema(audit.catalog, audit.schema);
    if (config.storeFailures === 'view') {
      await executor.run(`CREATE OR REPLACE VIEW ${d.renderRelation(audit)} AS\n${sql}`);
    } else {
      await executor.run(`CREATE OR REPLACE TABLE ${d.renderRelation(audit)} AS\n${sql}`);
    }
  }
  const rows = await executor.query<{
    failures: unknown;
    should_warn: boolean;
    should_error: boolean;
  }>(testWrapperSql(sql, config));
  const row = rows[0] ?? { failures: 0, should_warn: false, should_error: false };
  const failures = Number(row.failures ?? 0);
  const status = testStatus(config, row, options.warnError);
  const message = status === 'pass' ? 'PASS' : `${status.toUpperCase()} ${failures}`;
  return done(status, message, { failures, compiledSql: sql });
}

function writeCompiled(options: NodeWorkOptions, entry: ManifestNode, sql: string): Promise<void> {
  return options.compiled?.write(entry.node, sql) ?? Promise.resolve();
}

function withNode(error: HrflowError, entry: ManifestNode): HrflowError {
  if (error.location?.node && error.location.file) return error;
  return new HrflowError(error.code, error.message, {
    location: {
      ...error.location,
      node: entry.node.id,
      file: error.location?.file ?? entry.node.path,
    },
    ...(error.hint ? { hint: error.hint } : {}),
    cause: error.cause ?? error,
    retryable: error.retryable,
    ...(error.details ? { details: error.details } : {}),
  });
}

/**
 * DuckDB points at a line of the statement it ran, which a materialization wraps around the
 * compiled SQL; re-point it at the same text in the compiled SQL the user can open.
 */
function withCompiledLine(error: HrflowError, compiledSql: string | undefined): HrflowError {
  const text = error.details?.text;
  if (error.code !== 'sql-error' || typeof text !== 'string' || compiledSql === undefined) {
    return error;
  }
  const index = compiledSql.split('\n').findIndex((line) => line === text);
  if (index < 0) return error;
  return new HrflowError(error.code, error.message, {
    ...(error.location ? { location: error.location } : {}),
    hint:
      error.hint ?? `The failing line is ${index + 1} of the compiled SQL under target/compiled/.`,
    cause: error.cause,
    details: { ...error.details, line: index + 1, text },
  });
}

/** How the start line describes a node: `sql table model silver.worker`. */
export function describeNode(entry: ManifestNode): string {
  const rel = entry.relation
    ? `${entry.relation.schema}.${entry.relation.identifier}`
    : entry.node.name;
  switch (entry.node.kind) {
    case 'model':
      return `sql ${String(entry.config.materialized ?? 'view')} model ${rel}`;
    case 'seed':
      return `seed file ${rel}`;
    case 'snapshot':
      return `snapshot ${rel}`;
    case 'test':
      return `test ${entry.node.name}`;
    case 'source':
      return `source ${rel}`;
    case 'exposure':
      return `exposure ${entry.node.name}`;
  }
}
