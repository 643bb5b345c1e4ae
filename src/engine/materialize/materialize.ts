/**
 * The materializations layer's entry point: given a node's compiled SELECT (or a seed's CSV
 * file) and its config, bring the target relation to the state dbt's materialization of the same
 * name would. Every materialization is a fixed sequence of named steps (see each module); all
 * start by clearing leftovers of a crashed earlier run, build beside the target or inside one
 * transaction, and leave the previous relation intact and no temporary relation behind when
 * they fail.
 *
 * The executor must not be shared with concurrent work while a materialization runs: it opens
 * and commits transactions on its connection.
 */
import type { Executor } from '../adapters/adapter.js';
import type { Relation } from '../relation.js';
import type {
  IncrementalConfig,
  SeedConfig,
  SnapshotConfig,
  TableConfig,
  ViewConfig,
} from './config.js';
import type { NodeRef } from './context.js';
import { createContext, unreachable } from './context.js';
import { materializeIncremental } from './incremental.js';
import type { MaterializeOutcome } from './outcome.js';
import { materializeSeed } from './seed.js';
import { materializeSnapshot } from './snapshot.js';
import { materializeTable } from './table.js';
import { materializeView } from './view.js';

interface RequestBase {
  readonly node: NodeRef;
  /** The relation to bring up to date. */
  readonly relation: Relation;
  /** The `--full-refresh` flag; incremental models only (a config `full_refresh` wins). */
  readonly fullRefresh: boolean;
  /** When the run started: the snapshot time, identical for every node of one run. */
  readonly runStartedAt: Date;
  readonly executor: Executor;
}

/** Materialize a model as a view. */
export interface ViewRequest extends RequestBase {
  readonly kind: 'view';
  /** The compiled SELECT. */
  readonly sql: string;
  readonly config: ViewConfig;
}

/** Materialize a model as a table, rebuilt on every run. */
export interface TableRequest extends RequestBase {
  readonly kind: 'table';
  /** The compiled SELECT. */
  readonly sql: string;
  readonly config: TableConfig;
}

/** Materialize a model as a table that later runs add to. */
export interface IncrementalRequest extends RequestBase {
  readonly kind: 'incremental';
  /** The compiled SELECT, rendered with `is_incremental()` as `isIncremental` decides. */
  readonly sql: string;
  readonly config: IncrementalConfig;
}

/** Record the history of a source query's rows (SCD type 2). */
export interface SnapshotRequest extends RequestBase {
  readonly kind: 'snapshot';
  /** The compiled SELECT of the snapshot's source rows. */
  readonly sql: string;
  readonly config: SnapshotConfig;
}

/** Load a CSV file into a table. */
export interface SeedRequest extends RequestBase {
  readonly kind: 'seed';
  /** The CSV file, as the user should see it in messages; relative paths resolve from the cwd. */
  readonly csvPath: string;
  readonly config: SeedConfig;
}

/** One node to materialize, by kind. */
export type MaterializeRequest =
  ViewRequest | TableRequest | IncrementalRequest | SnapshotRequest | SeedRequest;

/** `view`, `table`, `incremental`, `snapshot` or `seed`. */
export type MaterializationKind = MaterializeRequest['kind'];

/** What {@link materialize} returns on success. */
export interface MaterializeResult extends MaterializeOutcome {
  /** Every statement sent to the warehouse, in order, for run artifacts and debugging. */
  readonly statements: readonly string[];
}

/**
 * Materializes one node. Throws an `HrflowError`: `sql-error` naming the failed step,
 * `config-invalid`, `schema-changed`, `merge-key-not-unique`, `snapshot-key-not-unique`,
 * `snapshot-source-invalid` or `seed-invalid`.
 */
export async function materialize(request: MaterializeRequest): Promise<MaterializeResult> {
  const ctx = createContext({
    node: request.node,
    target: request.relation,
    executor: request.executor,
    runStartedAt: request.runStartedAt,
  });
  const { catalog, schema } = request.relation;
  await ctx.step('ensure schema', () => ctx.executor.ensureSchema(catalog, schema));

  const outcome = await dispatch(request);
  return { ...outcome, statements: ctx.executor.statements };

  function dispatch(r: MaterializeRequest): Promise<MaterializeOutcome> {
    switch (r.kind) {
      case 'view':
        return materializeView(ctx, r.sql);
      case 'table':
        return materializeTable(ctx, r.sql);
      case 'incremental':
        return materializeIncremental(ctx, r.sql, r.config, r.fullRefresh);
      case 'snapshot':
        return materializeSnapshot(ctx, r.sql, r.config);
      case 'seed':
        return materializeSeed(ctx, r.csvPath, r.config);
      default:
        return unreachable(r);
    }
  }
}
