/**
 * The run's state machine. Each selected node is queued until every selected parent is done;
 * then it runs on one of `threads` workers. A node whose parent failed, errored or was skipped
 * is itself skipped without running, and the run goes on with everything else. With
 * `failFast`, the first failure stops new work; nodes still queued end skipped.
 */
import { asHrflowError } from '../../core/errors.js';
import type { NodeId, ResourceType } from '../project/nodes.js';
import { blocksDependents, isFailure } from './results.js';
import type { NodeResult, NodeState, RunResult } from './results.js';
import type { RunReporter } from './reporter.js';

export interface SchedulableNode {
  readonly id: NodeId;
  readonly kind: ResourceType;
  readonly name: string;
  /** How the start line describes it (`sql table model silver.worker`). */
  readonly description: string;
  /** Selected nodes this one waits for. Others are assumed built already. */
  readonly waitsFor: readonly NodeId[];
}

/** Runs one node; failures come back as results, not exceptions. */
export type NodeWork<W> = (
  node: SchedulableNode,
  worker: W,
  threadId: string,
) => Promise<NodeResult>;

export interface ScheduleRequest<W> {
  readonly command: string;
  /** In the order they should start when several are ready (topological order). */
  readonly nodes: readonly SchedulableNode[];
  readonly threads: number;
  readonly failFast: boolean;
  readonly reporter: RunReporter;
  readonly invocationId: string;
  /** Opens one worker's resources (a warehouse session); closed when the run ends. */
  openWorker(threadId: string): Promise<W>;
  closeWorker(worker: W): void;
  readonly work: NodeWork<W>;
  readonly now?: () => Date;
  /** When set, nothing runs: every node ends skipped with this message (a failed on-run-start). */
  readonly skipAllBecause?: string;
}

export async function schedule<W>(request: ScheduleRequest<W>): Promise<RunResult> {
  const now = request.now ?? (() => new Date());
  const startedAt = now();
  const total = request.nodes.length;
  const state = new Map<NodeId, NodeState>(request.nodes.map((n) => [n.id, 'queued']));
  const results = new Map<NodeId, NodeResult>();
  const byId = new Map(request.nodes.map((n) => [n.id, n]));
  const waiters = new Map<NodeId, NodeId[]>();
  for (const node of request.nodes) {
    for (const parent of node.waitsFor) {
      if (byId.has(parent)) waiters.set(parent, [...(waiters.get(parent) ?? []), node.id]);
    }
  }
  // As dbt numbers them: a node takes the next number when it starts (or is skipped without
  // starting) and keeps it on its result line.
  const indexOf = new Map<NodeId, number>();
  let numbered = 0;
  const number = (id: NodeId): number => {
    const index = indexOf.get(id) ?? ++numbered;
    indexOf.set(id, index);
    return index;
  };
  let stopped = false;

  request.reporter.runStarted({ command: request.command, total, threads: request.threads });

  const finish = (result: NodeResult): void => {
    state.set(result.id, 'done');
    results.set(result.id, result);
    request.reporter.nodeFinished(result, number(result.id), total);
    if (isFailure(result) && request.failFast) stopped = true;
  };

  const skip = (node: SchedulableNode, because: NodeId | undefined, message: string): void => {
    const at = now();
    finish({
      id: node.id,
      kind: node.kind,
      name: node.name,
      status: 'skipped',
      message,
      startedAt: at,
      completedAt: at,
      executionTime: 0,
      threadId: 'main',
      ...(because ? { skippedBecause: because } : {}),
    });
  };

  /** The next node whose parents are all done, skipping the ones a failed parent blocks. */
  const next = (): SchedulableNode | undefined => {
    for (const node of request.nodes) {
      if (state.get(node.id) !== 'queued') continue;
      if (request.skipAllBecause !== undefined) {
        skip(node, undefined, request.skipAllBecause);
        continue;
      }
      if (stopped) {
        skip(node, undefined, 'skipped: the run stopped at the first failure (--fail-fast)');
        continue;
      }
      const parents = node.waitsFor.filter((p) => byId.has(p));
      if (parents.some((p) => state.get(p) !== 'done')) continue;
      const blocker = parents.find((p) => {
        const r = results.get(p);
        return r !== undefined && blocksDependents(r);
      });
      if (blocker) {
        const parent = results.get(blocker);
        skip(
          node,
          blocker,
          `skipped because ${parent?.name ?? blocker} ${parent?.status === 'skipped' ? 'was skipped' : 'failed'}`,
        );
        continue;
      }
      return node;
    }
    return undefined;
  };

  let wake: (() => void) | undefined;
  const signal = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const allDone = (): boolean => results.size >= total;

  const worker = async (index: number): Promise<void> => {
    const threadId = `Thread-${index + 1}`;
    const resource = await request.openWorker(threadId);
    try {
      while (!allDone()) {
        const node = next();
        if (!node) {
          if (allDone()) break;
          await new Promise<void>((resolve) => {
            const previous = wake;
            wake = () => {
              previous?.();
              resolve();
            };
          });
          continue;
        }
        state.set(node.id, 'running');
        request.reporter.nodeStarted({
          id: node.id,
          kind: node.kind,
          name: node.name,
          description: node.description,
          index: number(node.id),
          total,
        });
        let result: NodeResult;
        try {
          result = await request.work(node, resource, threadId);
        } catch (error) {
          const at = now();
          const err = asHrflowError(error);
          result = {
            id: node.id,
            kind: node.kind,
            name: node.name,
            status: 'error',
            message: err.message,
            error: err,
            startedAt: at,
            completedAt: at,
            executionTime: 0,
            threadId,
          };
        }
        finish(result);
        signal();
      }
    } finally {
      request.closeWorker(resource);
      signal();
    }
  };

  const count = Math.max(1, Math.min(request.threads, total));
  await Promise.all(Array.from({ length: total === 0 ? 0 : count }, (_, i) => worker(i)));

  const ordered = request.nodes
    .map((n) => results.get(n.id))
    .filter((r): r is NodeResult => r !== undefined);
  const run: RunResult = {
    invocationId: request.invocationId,
    startedAt,
    completedAt: now(),
    results: ordered,
    stoppedEarly: stopped,
  };
  request.reporter.runFinished(run);
  return run;
}
