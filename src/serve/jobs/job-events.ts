/**
 * What a job tells the people following it, as JSON: the engine's run reporter calls and the
 * connectors' sync events, in order. The server streams these over SSE; the CLI turns them back
 * into reporter calls so a handed-over command prints exactly what a direct one prints.
 */
import { HrflowError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';
import type { SyncEvent } from '../../connectors/progress/sync-events.js';
import type { StreamResult } from '../../connectors/sync/sync-result.js';
import type { NodeId, ResourceType } from '../../engine/project/nodes.js';
import type { RunReporter } from '../../engine/run/reporter.js';
import type { NodeResult, RunResult } from '../../engine/run/results.js';

/** An error as it travels: enough to print it the way the CLI prints errors. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly hint?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface WireNodeResult extends Omit<
  NodeResult,
  'startedAt' | 'completedAt' | 'error' | 'compiledSql'
> {
  readonly startedAt: string;
  readonly completedAt: string;
  readonly error?: WireError;
}

export interface WireRunResult {
  readonly invocationId: string;
  readonly startedAt: string;
  readonly completedAt: string;
  readonly results: readonly WireNodeResult[];
  readonly stoppedEarly: boolean;
}

export type JobStatus = 'queued' | 'running' | 'success' | 'failed' | 'error' | 'cancelled';

export type JobEvent =
  | { readonly type: 'job-status'; readonly status: JobStatus }
  | {
      readonly type: 'run-started';
      readonly command: string;
      readonly total: number;
      readonly threads: number;
    }
  | {
      readonly type: 'node-started';
      readonly id: string;
      readonly kind: ResourceType;
      readonly name: string;
      readonly description: string;
      readonly index: number;
      readonly total: number;
    }
  | {
      readonly type: 'node-finished';
      readonly result: WireNodeResult;
      readonly index: number;
      readonly total: number;
    }
  | { readonly type: 'run-finished'; readonly result: WireRunResult }
  | { readonly type: 'sync'; readonly event: unknown }
  | {
      readonly type: 'job-finished';
      readonly status: JobStatus;
      readonly failures: number;
      readonly error?: WireError;
    };

/** A run reporter that turns every call into a {@link JobEvent}. */
export function reporterToEvents(emit: (event: JobEvent) => void): RunReporter {
  return {
    runStarted: (info) => emit({ type: 'run-started', ...info }),
    nodeStarted: (info) => emit({ type: 'node-started', ...info }),
    nodeFinished: (result, index, total) =>
      emit({ type: 'node-finished', result: toWireNode(result), index, total }),
    runFinished: (result) => emit({ type: 'run-finished', result: toWireRun(result) }),
  };
}

/** Replays run events on a reporter; returns false for events that are not run events. */
export function replayOnReporter(event: JobEvent, reporter: RunReporter): boolean {
  switch (event.type) {
    case 'run-started':
      reporter.runStarted(event);
      return true;
    case 'node-started':
      reporter.nodeStarted({ ...event, id: event.id as NodeId });
      return true;
    case 'node-finished':
      reporter.nodeFinished(fromWireNode(event.result), event.index, event.total);
      return true;
    case 'run-finished':
      reporter.runFinished(fromWireRun(event.result));
      return true;
    default:
      return false;
  }
}

/** A sync event made JSON-safe (errors lose their stack and cause). */
export function toWireSync(event: SyncEvent): unknown {
  const fixResult = (r: StreamResult): unknown => ({
    ...r,
    ...(r.error ? { error: toWireError(r.error) } : {}),
  });
  switch (event.kind) {
    case 'stream-end':
      return { ...event, result: fixResult(event.result) };
    case 'run-end':
      return {
        ...event,
        summary: { ...event.summary, streams: event.summary.streams.map(fixResult) },
      };
    default:
      return event;
  }
}

/** The sync event back, with errors as {@link HrflowError}s again. */
export function fromWireSync(wire: unknown): SyncEvent {
  const event = wire as SyncEvent;
  const fixResult = (r: StreamResult): StreamResult => {
    const error = r.error as unknown as WireError | undefined;
    return error ? { ...r, error: fromWireError(error) } : r;
  };
  if (event.kind === 'stream-end') return { ...event, result: fixResult(event.result) };
  if (event.kind === 'run-end') {
    return {
      ...event,
      summary: { ...event.summary, streams: event.summary.streams.map(fixResult) },
    };
  }
  return event;
}

export function toWireError(error: HrflowError): WireError {
  return {
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}

export function fromWireError(wire: WireError): HrflowError {
  return new HrflowError(wire.code, wire.message, {
    ...(wire.hint ? { hint: wire.hint } : {}),
    ...(wire.details ? { details: wire.details } : {}),
  });
}

function toWireNode(result: NodeResult): WireNodeResult {
  const { startedAt, completedAt, error, compiledSql: _sql, ...rest } = result;
  return {
    ...rest,
    startedAt: startedAt.toISOString(),
    completedAt: completedAt.toISOString(),
    ...(error ? { error: toWireError(error) } : {}),
  };
}

function fromWireNode(wire: WireNodeResult): NodeResult {
  const { startedAt, completedAt, error, ...rest } = wire;
  return {
    ...rest,
    startedAt: new Date(startedAt),
    completedAt: new Date(completedAt),
    ...(error ? { error: fromWireError(error) } : {}),
  };
}

function toWireRun(result: RunResult): WireRunResult {
  return {
    invocationId: result.invocationId,
    startedAt: result.startedAt.toISOString(),
    completedAt: result.completedAt.toISOString(),
    results: result.results.map(toWireNode),
    stoppedEarly: result.stoppedEarly,
  };
}

function fromWireRun(wire: WireRunResult): RunResult {
  return {
    invocationId: wire.invocationId,
    startedAt: new Date(wire.startedAt),
    completedAt: new Date(wire.completedAt),
    results: wire.results.map(fromWireNode),
    stoppedEarly: wire.stoppedEarly,
  };
}
