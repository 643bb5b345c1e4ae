/**
 * The facts the compiler needs before rendering a model: whether this run rebuilds it from
 * scratch and whether `is_incremental()` is true. Pure; the caller looks up the relation.
 */
import type { RelationType } from '../relation.js';

/**
 * dbt's rule: a model's `full_refresh` config, when set, wins over the `--full-refresh` flag in
 * both directions; unset, the flag decides.
 */
export function shouldFullRefresh(flag: boolean, configFullRefresh: boolean | undefined): boolean {
  return configFullRefresh ?? flag;
}

/** What `is_incremental()` depends on, all known before the model is rendered. */
export interface IncrementalFacts {
  /** The node's `materialized` config. */
  readonly materialized: string;
  /** The target relation as it exists in the warehouse now, if it does. */
  readonly existing: { readonly type: RelationType } | undefined;
  /** The `--full-refresh` flag. */
  readonly fullRefreshFlag: boolean;
  /** The node's `full_refresh` config. */
  readonly configFullRefresh?: boolean;
}

/**
 * `is_incremental()`: true only for an incremental model whose target exists as a table and
 * that is not being fully refreshed.
 */
export function isIncremental(facts: IncrementalFacts): boolean {
  return (
    facts.materialized === 'incremental' &&
    facts.existing?.type === 'table' &&
    !shouldFullRefresh(facts.fullRefreshFlag, facts.configFullRefresh)
  );
}
