/** `run_results.json` in dbt's v6 shape. */
import type { Manifest } from '../compile/manifest.js';
import type { HookResult, NodeResult, RunResult } from '../run/results.js';
import { VERSION } from '../../version.js';

export const RUN_RESULTS_SCHEMA = 'https://schemas.getdbt.com/dbt/run-results/v6.json';

export function runResultsJson(
  manifest: Manifest,
  run: RunResult,
  args: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  return {
    metadata: {
      dbt_schema_version: RUN_RESULTS_SCHEMA,
      dbt_version: `hrflow-${VERSION}`,
      generated_at: run.completedAt.toISOString(),
      invocation_id: run.invocationId,
      env: {},
    },
    results: [
      ...hookResults(manifest, run, 'on-run-start'),
      ...run.results.map((r) => nodeResult(manifest, r)),
      ...hookResults(manifest, run, 'on-run-end'),
    ],
    elapsed_time: (run.completedAt.getTime() - run.startedAt.getTime()) / 1000,
    args,
  };
}

function nodeResult(manifest: Manifest, r: NodeResult): Record<string, unknown> {
  return {
    status: r.status,
    timing:
      r.status === 'skipped'
        ? []
        : [
            {
              name: 'compile',
              started_at: r.startedAt.toISOString(),
              completed_at: r.startedAt.toISOString(),
            },
            {
              name: 'execute',
              started_at: r.startedAt.toISOString(),
              completed_at: r.completedAt.toISOString(),
            },
          ],
    thread_id: r.threadId,
    execution_time: r.executionTime,
    adapter_response:
      r.status === 'skipped'
        ? {}
        : {
            _message: r.message,
            code: r.message.split(' ')[0] ?? '',
            rows_affected: r.rowsAffected ?? null,
          },
    message: r.status === 'success' ? r.message : r.error ? r.error.message : r.message,
    failures: r.failures ?? null,
    unique_id: r.id,
    compiled: r.compiledSql !== undefined,
    compiled_code: r.compiledSql ?? null,
    relation_name: r.relation ? manifest.dialect.renderRelation(r.relation) : null,
    batch_results: null,
  };
}

/** Project hooks as dbt lists them: `operation.<project>.<project>-on-run-start-0`. */
function hookResults(
  manifest: Manifest,
  run: RunResult,
  event: HookResult['event'],
): Record<string, unknown>[] {
  const project = manifest.project.settings.name;
  return (run.hooks ?? [])
    .filter((h) => h.event === event)
    .map((h) => ({
      status: h.status,
      timing: [
        {
          name: 'execute',
          started_at: h.startedAt.toISOString(),
          completed_at: h.completedAt.toISOString(),
        },
      ],
      thread_id: 'main',
      execution_time: h.executionTime,
      adapter_response: {},
      message: h.message,
      failures: 0,
      unique_id: `operation.${project}.${project}-${event}-${h.index}`,
      compiled: h.sql !== undefined,
      compiled_code: h.sql ?? null,
      relation_name: null,
      batch_results: null,
    }));
}
