/**
 * hrflow's own record of runs in the `hrflow` schema of the warehouse: one row per run and one
 * per node result. A run that crashed stays `running` until the next run, which marks it
 * `aborted`: the next writer holds the warehouse lock, so no other run can still be alive.
 */
import type { Session } from '../../warehouse/warehouse.js';
import type { RunResult } from './results.js';
import { isFailure } from './results.js';

export interface RunRecord {
  readonly runId: string;
  readonly command: string;
  readonly target: string;
  readonly startedAt: Date;
  readonly args: Readonly<Record<string, unknown>>;
}

export async function ensureRunLog(session: Session): Promise<void> {
  await session.run(`
    CREATE SCHEMA IF NOT EXISTS hrflow;
    CREATE TABLE IF NOT EXISTS hrflow.runs (
      run_id VARCHAR PRIMARY KEY,
      command VARCHAR NOT NULL,
      target VARCHAR NOT NULL,
      status VARCHAR NOT NULL,
      pid INTEGER,
      started_at TIMESTAMPTZ NOT NULL,
      completed_at TIMESTAMPTZ,
      nodes INTEGER,
      succeeded INTEGER,
      failed INTEGER,
      skipped INTEGER,
      args JSON
    );
    CREATE TABLE IF NOT EXISTS hrflow.node_results (
      run_id VARCHAR NOT NULL,
      unique_id VARCHAR NOT NULL,
      resource_type VARCHAR NOT NULL,
      status VARCHAR NOT NULL,
      message VARCHAR,
      failures BIGINT,
      rows_affected BIGINT,
      relation VARCHAR,
      thread_id VARCHAR,
      started_at TIMESTAMPTZ,
      completed_at TIMESTAMPTZ,
      execution_time DOUBLE
    );`);
}

/** Records the start of a run and marks runs left `running` by a crash as `aborted`. */
export async function recordRunStart(session: Session, run: RunRecord): Promise<number> {
  await ensureRunLog(session);
  const aborted = await session.query<{ n: number }>(
    `UPDATE hrflow.runs SET status = 'aborted', completed_at = completed_at WHERE status = 'running' RETURNING 1 AS n`,
  );
  await session.run(
    `INSERT INTO hrflow.runs (run_id, command, target, status, pid, started_at, args)
     VALUES ($run_id, $command, $target, 'running', $pid, $started_at::TIMESTAMPTZ, $args::JSON)`,
    {
      run_id: run.runId,
      command: run.command,
      target: run.target,
      pid: process.pid,
      started_at: run.startedAt.toISOString(),
      args: JSON.stringify(run.args),
    },
  );
  return aborted.length;
}

/** Records every node result and closes the run row, in one transaction. */
export async function recordRunEnd(
  session: Session,
  runId: string,
  result: RunResult,
): Promise<void> {
  const failed = result.results.filter(isFailure).length;
  const hookFailed = (result.hooks ?? []).some((h) => h.status === 'error');
  const skipped = result.results.filter((r) => r.status === 'skipped').length;
  await session.transaction(async () => {
    if (result.results.length > 0) {
      const appender = await session.connection.createAppender('node_results', 'hrflow');
      for (const r of result.results) {
        appender.appendVarchar(runId);
        appender.appendVarchar(r.id);
        appender.appendVarchar(r.kind);
        appender.appendVarchar(r.status);
        appender.appendVarchar(r.message);
        if (r.failures === undefined) appender.appendNull();
        else appender.appendBigInt(BigInt(r.failures));
        if (r.rowsAffected === undefined) appender.appendNull();
        else appender.appendBigInt(BigInt(r.rowsAffected));
        if (r.relation) {
          appender.appendVarchar(
            `${r.relation.catalog}.${r.relation.schema}.${r.relation.identifier}`,
          );
        } else {
          appender.appendNull();
        }
        appender.appendVarchar(r.threadId);
        appender.appendVarchar(r.startedAt.toISOString());
        appender.appendVarchar(r.completedAt.toISOString());
        appender.appendDouble(r.executionTime);
        appender.endRow();
      }
      appender.closeSync();
    }
    await session.run(
      `UPDATE hrflow.runs SET status = $status, completed_at = $completed_at::TIMESTAMPTZ,
         nodes = $nodes, succeeded = $succeeded, failed = $failed, skipped = $skipped
       WHERE run_id = $run_id`,
      {
        status: failed > 0 || hookFailed ? 'failed' : 'success',
        completed_at: result.completedAt.toISOString(),
        nodes: result.results.length,
        succeeded: result.results.length - failed - skipped,
        failed,
        skipped,
        run_id: runId,
      },
    );
  });
}
