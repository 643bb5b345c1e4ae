/** The outcome of each node in a run: data, not exceptions. */
import type { HrflowError } from '../../core/errors.js';
import type { NodeId, ResourceType } from '../project/nodes.js';
import type { Relation } from '../relation.js';

/** Models, seeds and snapshots end `success`; tests end `pass`, `warn` or `fail`; any may end `error` or `skipped`. */
export type NodeStatus = 'success' | 'error' | 'skipped' | 'pass' | 'fail' | 'warn';

/** A node's place in its life: queued until its parents finish, then running, then done. */
export type NodeState = 'queued' | 'running' | 'done';

export interface NodeResult {
  readonly id: NodeId;
  readonly kind: ResourceType;
  readonly name: string;
  readonly status: NodeStatus;
  /** What happened, as a person reads it: `CREATE TABLE (1,204 rows)`, the error, the skip reason. */
  readonly message: string;
  /** Tests: number of failing rows (or the fail_calc value). */
  readonly failures?: number;
  readonly rowsAffected?: number;
  readonly relation?: Relation;
  readonly compiledSql?: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
  /** Seconds. */
  readonly executionTime: number;
  /** Which worker ran it (`Thread-1`). */
  readonly threadId: string;
  readonly error?: HrflowError;
  /** Set on `skipped`: the failed ancestor that caused it. */
  readonly skippedBecause?: NodeId;
}

/** The outcome of one project hook (`on-run-start`, `on-run-end`). */
export interface HookResult {
  readonly event: 'on-run-start' | 'on-run-end';
  /** Position among the event's hooks, from 0. */
  readonly index: number;
  readonly status: 'success' | 'error';
  /** `OK` or the error, as a person reads it. */
  readonly message: string;
  /** The rendered SQL, when rendering succeeded. */
  readonly sql?: string;
  readonly error?: HrflowError;
  readonly startedAt: Date;
  readonly completedAt: Date;
  /** Seconds. */
  readonly executionTime: number;
}

export interface RunResult {
  readonly invocationId: string;
  readonly startedAt: Date;
  readonly completedAt: Date;
  readonly results: readonly NodeResult[];
  /** True when --fail-fast stopped the run early. */
  readonly stoppedEarly: boolean;
  /** Project hooks that ran, `on-run-start` ones first; absent when the command runs none. */
  readonly hooks?: readonly HookResult[];
}

/** True when this result should make the CLI exit 1. */
export function isFailure(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'fail';
}

/** True when nodes depending on this one must not run. */
export function blocksDependents(result: NodeResult): boolean {
  return result.status === 'error' || result.status === 'fail' || result.status === 'skipped';
}

/** Failed nodes and failed project hooks: the CLI exits 1 when there is any. */
export function failureCount(run: RunResult): number {
  const hooks = (run.hooks ?? []).filter((h) => h.status === 'error').length;
  return run.results.filter(isFailure).length + hooks;
}
