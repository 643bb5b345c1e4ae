/** `run_results.json` in dbt's v6 shape. */
import type { Manifest } from '../compile/manifest.js';
import type { RunResult } from '../run/results.js';
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
    results: run.results.map((r) => ({
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
    })),
    elapsed_time: (run.completedAt.getTime() - run.startedAt.getTime()) / 1000,
    args,
  };
}
