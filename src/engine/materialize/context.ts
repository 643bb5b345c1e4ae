/**
 * What a materialization works with while it runs: the node, its target, an executor that keeps
 * every statement it sends, and `step`, which names each step so that a failure says which node
 * and which step went wrong.
 */
import { HrflowError, InternalError } from '../../core/errors.js';
import type { Dialect, ExecuteResult, Executor } from '../adapters/adapter.js';
import type { Column, Relation, RelationInfo } from '../relation.js';

/** The node being materialized, for messages. */
export interface NodeRef {
  /** Unique id such as `model.hr.fct_headcount`. */
  readonly id: string;
  /** Short name users recognise, such as `fct_headcount`. */
  readonly name: string;
}

/** Shared by every step of one materialization. */
export interface MaterializeContext {
  readonly node: NodeRef;
  /** The relation being brought up to date. */
  readonly target: Relation;
  readonly executor: RecordingExecutor;
  readonly dialect: Dialect;
  /** The run's start, used as the snapshot time. */
  readonly runStartedAt: Date;
  /** Runs one named step; a warehouse error becomes a `sql-error` naming node and step. */
  step<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A context whose executor records every statement sent through it. */
export function createContext(options: {
  readonly node: NodeRef;
  readonly target: Relation;
  readonly executor: Executor;
  readonly runStartedAt: Date;
}): MaterializeContext {
  const executor = new RecordingExecutor(options.executor);
  return {
    node: options.node,
    target: options.target,
    executor,
    dialect: executor.dialect,
    runStartedAt: options.runStartedAt,
    step: (name, fn) => runStep(options.node, name, fn),
  };
}

/** A `config-invalid` error located at the node, with what to change. */
export function configError(node: NodeRef, message: string, hint?: string): HrflowError {
  return new HrflowError('config-invalid', `${node.name}: ${message}`, {
    location: { node: node.id },
    hint,
  });
}

/** Fails the build when a case the types rule out shows up anyway. */
export function unreachable(value: never): never {
  throw new InternalError(`unexpected value ${JSON.stringify(value)}`);
}

async function runStep<T>(node: NodeRef, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw inStep(node, name, error);
  }
}

function inStep(node: NodeRef, step: string, error: unknown): unknown {
  if (!(error instanceof HrflowError) || error.code !== 'sql-error' || error.location?.node) {
    return error;
  }
  return new HrflowError('sql-error', `${node.name}: ${step} failed: ${error.message}`, {
    location: { node: node.id },
    cause: error,
    hint: error.hint,
    details: { ...error.details, step },
  });
}

/**
 * Passes everything to the real executor and keeps the text of each statement it ran, for run
 * artifacts and for tests that assert a materialization's exact sequence.
 */
export class RecordingExecutor implements Executor {
  private readonly sent: string[] = [];

  constructor(private readonly inner: Executor) {}

  get dialect(): Dialect {
    return this.inner.dialect;
  }

  /** Statements sent so far, oldest first. */
  get statements(): readonly string[] {
    return [...this.sent];
  }

  run(sql: string): Promise<void> {
    this.sent.push(sql);
    return this.inner.run(sql);
  }

  execute(sql: string): Promise<ExecuteResult> {
    this.sent.push(sql);
    return this.inner.execute(sql);
  }

  query<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    this.sent.push(sql);
    return this.inner.query<T>(sql);
  }

  transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.inner.transaction(fn);
  }

  describe(rel: Relation): Promise<RelationInfo | undefined> {
    return this.inner.describe(rel);
  }

  describeMany(rels: readonly Relation[]): Promise<(RelationInfo | undefined)[]> {
    return this.inner.describeMany(rels);
  }

  columnsOf(sql: string): Promise<readonly Column[]> {
    return this.inner.columnsOf(sql);
  }

  ensureSchema(catalog: string, schema: string): Promise<void> {
    return this.inner.ensureSchema(catalog, schema);
  }
}
