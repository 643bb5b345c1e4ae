/**
 * Snapshot strategies: each a small function returning the two SQL fragments that differ
 * between them, when a source row last changed and whether it differs from its current version.
 */
import type { Dialect } from '../adapters/adapter.js';
import type { SnapshotConfig } from './config.js';

/** The SQL fragments a strategy contributes. */
export interface SnapshotStrategyFragments {
  /** When the source row (alias `source`) last changed; dates its new version. */
  updatedAt(source: string): string;
  /** Whether the source row (alias `source`) differs from the current version (`current`). */
  rowChanged(current: string, source: string): string;
}

/** What a strategy is built from. */
export interface SnapshotStrategyArgs {
  readonly dialect: Dialect;
  /** Name of the snapshot's valid-from column. */
  readonly validFrom: string;
  /** The snapshot time as a typed SQL expression. */
  readonly snapshotTime: string;
  /** Source column holding the change time; the check strategy may have none. */
  readonly updatedAt: string | undefined;
  /** Check strategy: the columns compared, those present in the snapshot table already. */
  readonly checkCols: readonly string[];
  /**
   * Check strategy: a checked column is new to the snapshot table, so every row counts as
   * changed (dbt's rule: the new column's history starts now for every key).
   */
  readonly columnAdded: boolean;
}

/**
 * Changed when the source's `updated_at` is later than the current version's valid-from (not
 * its stored `updated_at` column, which a strategy switch may have left empty).
 */
export function timestampStrategy(args: SnapshotStrategyArgs): SnapshotStrategyFragments {
  const q = (name: string): string => args.dialect.quoteIdent(name);
  const updatedAt = args.updatedAt ?? '';
  return {
    updatedAt: (source) => `${source}.${q(updatedAt)}`,
    rowChanged: (current, source) => `${current}.${q(args.validFrom)} < ${source}.${q(updatedAt)}`,
  };
}

/**
 * Changed when any checked column differs, NULL against a value counting as a difference;
 * dated by `updated_at` when configured, else by the snapshot time.
 */
export function checkStrategy(args: SnapshotStrategyArgs): SnapshotStrategyFragments {
  const q = (name: string): string => args.dialect.quoteIdent(name);
  const { updatedAt, checkCols } = args;
  return {
    updatedAt: (source) =>
      updatedAt === undefined ? args.snapshotTime : `${source}.${q(updatedAt)}`,
    rowChanged: (current, source) => {
      if (args.columnAdded) return 'TRUE';
      if (checkCols.length === 0) return 'FALSE';
      const diffs = checkCols.map((c) => `${current}.${q(c)} IS DISTINCT FROM ${source}.${q(c)}`);
      return `(${diffs.join(' OR ')})`;
    },
  };
}

/** Every strategy by its `strategy` name. */
export const SNAPSHOT_STRATEGIES = {
  timestamp: timestampStrategy,
  check: checkStrategy,
} as const satisfies Record<
  SnapshotConfig['strategy'],
  (args: SnapshotStrategyArgs) => SnapshotStrategyFragments
>;
