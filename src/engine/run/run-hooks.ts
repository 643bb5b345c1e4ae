/**
 * Running the project's `on-run-start` and `on-run-end` hooks: render them for this moment of
 * the run, run them in order on one connection, and report each as data. The first hook that
 * fails stops the rest of its event, as in dbt.
 */
import { asHrflowError } from '../../core/errors.js';
import type { Executor } from '../adapters/adapter.js';
import { renderRunHooks } from '../compile/hooks.js';
import type { RunEndFacts, RunHookEvent } from '../compile/hooks.js';
import type { Manifest } from '../compile/manifest.js';
import type { HookResult, NodeResult, RunResult } from './results.js';

/** Commands that run project hooks, as dbt's do; `compile` renders without running them. */
export const HOOK_COMMANDS: ReadonlySet<string> = new Set([
  'run',
  'build',
  'test',
  'seed',
  'snapshot',
]);

/** Runs one event's hooks; `onResult` hears of each as it ends. */
export async function runProjectHooks(
  manifest: Manifest,
  event: RunHookEvent,
  executor: Executor,
  onResult: (result: HookResult) => void,
  facts: RunEndFacts = {},
): Promise<HookResult[]> {
  const results: HookResult[] = [];
  for (const hook of renderRunHooks(manifest, event, facts)) {
    const startedAt = new Date();
    const finish = (result: Pick<HookResult, 'status' | 'message' | 'error'>): HookResult => {
      const completedAt = new Date();
      const full: HookResult = {
        event,
        index: hook.index,
        ...(hook.sql !== undefined ? { sql: hook.sql } : {}),
        ...result,
        startedAt,
        completedAt,
        executionTime: (completedAt.getTime() - startedAt.getTime()) / 1000,
      };
      results.push(full);
      onResult(full);
      return full;
    };
    if (hook.error || hook.sql === undefined) {
      finish({ status: 'error', message: hook.error?.message ?? 'no SQL', error: hook.error });
      break;
    }
    try {
      if (hook.sql.trim() !== '') await executor.run(hook.sql);
      finish({ status: 'success', message: 'OK' });
    } catch (error) {
      const err = asHrflowError(error);
      finish({ status: 'error', message: err.message, error: err });
      break;
    }
  }
  return results;
}

/**
 * What `on-run-end` hooks see of a finished run: dbt's `results` (status, message, the node),
 * and the schemas the run built into.
 */
export function runEndFacts(manifest: Manifest, run: RunResult): RunEndFacts {
  const built = run.results.filter(
    (r): r is NodeResult & { relation: NonNullable<NodeResult['relation']> } =>
      r.relation !== undefined && r.kind !== 'test',
  );
  const pairs = new Map<string, readonly [string, string]>();
  for (const r of built) {
    pairs.set(`${r.relation.catalog}.${r.relation.schema}`, [
      r.relation.catalog,
      r.relation.schema,
    ]);
  }
  return {
    results: run.results.map((r) => {
      const node = manifest.nodes.get(r.id);
      return {
        status: r.status,
        message: r.message,
        failures: r.failures ?? null,
        execution_time: r.executionTime,
        thread_id: r.threadId,
        adapter_response: { rows_affected: r.rowsAffected ?? null },
        node: {
          unique_id: r.id,
          name: r.name,
          resource_type: r.kind,
          database: r.relation?.catalog ?? null,
          schema: r.relation?.schema ?? null,
          alias: r.relation?.identifier ?? null,
          config: node?.config ?? {},
          tags: node?.node.tags ?? [],
        },
      };
    }),
    schemas: [...new Set([...pairs.values()].map(([, schema]) => schema))],
    databaseSchemas: [...pairs.values()],
  };
}
