/**
 * Progress for people, separate from logs: the CLI prints dbt-style lines and a live status on a
 * terminal; the dashboard streams the same events to browsers.
 */
import type { NodeId, ResourceType } from '../project/nodes.js';
import type { HookResult, NodeResult, RunResult } from './results.js';

export interface RunReporter {
  runStarted(info: {
    readonly command: string;
    readonly total: number;
    readonly threads: number;
  }): void;
  nodeStarted(info: {
    readonly id: NodeId;
    readonly kind: ResourceType;
    readonly name: string;
    readonly description: string;
    readonly index: number;
    readonly total: number;
  }): void;
  /** `index` is the number the node took when it started (or was skipped), as dbt prints it. */
  nodeFinished(result: NodeResult, index: number, total: number): void;
  /** A project hook ran (or failed to render); reporters that show no hooks leave it out. */
  hookFinished?(result: HookResult): void;
  runFinished(result: RunResult): void;
}

/** A reporter that ignores everything. */
export const silentReporter: RunReporter = {
  runStarted: () => undefined,
  nodeStarted: () => undefined,
  nodeFinished: () => undefined,
  runFinished: () => undefined,
};

/** Fans events out to several reporters. */
export function combineReporters(...reporters: readonly RunReporter[]): RunReporter {
  return {
    runStarted: (info) => reporters.forEach((r) => r.runStarted(info)),
    nodeStarted: (info) => reporters.forEach((r) => r.nodeStarted(info)),
    nodeFinished: (result, index, total) =>
      reporters.forEach((r) => r.nodeFinished(result, index, total)),
    hookFinished: (result) => reporters.forEach((r) => r.hookFinished?.(result)),
    runFinished: (result) => reporters.forEach((r) => r.runFinished(result)),
  };
}
