/**
 * Datasets are the only things the dashboards and the API can query: a declared base table, its
 * dimensions, measures and filters. A request names dimensions, measures and filter values; it
 * never carries SQL. The base table is a logical name (`applications`) resolved through
 * {@link TableMap}, so pointing a dashboard at a renamed gold model is one line of config.
 */
import { assertNever } from '../../core/assert-never.js';
import type { PiiTag } from '../../engine/project/nodes.js';

/** Logical table name → `schema.table`. */
export type TableMap = Readonly<Record<string, string>>;

/** A declared, trusted condition on a measure: a boolean column, or a column equal to values. */
export type Condition =
  | { readonly kind: 'flag'; readonly column: string }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly (string | number)[] };

export type Measure =
  | { readonly kind: 'count'; readonly label: string; readonly where?: Condition }
  | {
      readonly kind: 'count_distinct' | 'sum' | 'avg' | 'median' | 'min' | 'max';
      readonly label: string;
      readonly column: string;
      readonly where?: Condition;
    };

/** Computed from other measures after suppression, so a hidden count hides its ratios too. */
export interface Ratio {
  readonly kind: 'ratio';
  readonly label: string;
  readonly numerator: string;
  readonly denominator: string;
  /** 100 for percentages. */
  readonly scale: number;
}

export interface Dimension {
  readonly label: string;
  readonly column: string;
  /** Truncate a date or timestamp column to this grain (`2026-03`, `2026-Q1`, `2026`). */
  readonly grain?: 'month' | 'quarter' | 'year';
  /** Sort by this column's minimum instead of the label (stage order in a funnel). */
  readonly orderBy?: string;
}

/** A filter a request may set: values of a column, or a date range on a column. */
export type Filter =
  | { readonly kind: 'values'; readonly label: string; readonly column: string }
  | { readonly kind: 'period'; readonly label: string; readonly column: string };

/** After-the-fact computation over all shown rows. */
export interface ImpactRatio {
  readonly kind: 'impact_ratio';
  /** The rate measure compared with the highest shown rate. */
  readonly rate: string;
  /** Below this, the row is flagged (0.8: the four-fifths rule, 29 CFR 1607.4(D)). */
  readonly threshold: number;
}

export interface AggregateDataset {
  readonly kind: 'aggregate';
  readonly name: string;
  readonly title: string;
  /** How the numbers are defined, shown next to every chart. */
  readonly definition: string;
  readonly table: string;
  /** Rows of the table the dataset covers at all (separations only, active workers only). */
  readonly scope?: Condition;
  readonly dimensions: Readonly<Record<string, Dimension>>;
  readonly measures: Readonly<Record<string, Measure>>;
  readonly ratios?: Readonly<Record<string, Ratio>>;
  /** The measure counting people; minimum-group suppression reads it. */
  readonly subjects: string;
  readonly filters: Readonly<Record<string, Filter>>;
  readonly post?: ImpactRatio;
  /** Tags for columns the manifest may not document yet. */
  readonly pii?: Readonly<Record<string, PiiTag>>;
  /** Pre-aggregated tables read instead of `table` when a request's shape allows. */
  readonly rollups?: readonly Rollup[];
}

/**
 * A table pre-aggregated from a dataset's base table at a coarser grain, giving the same
 * numbers for every request it can answer: each base column it keeps, and each base measure
 * rebuilt from partial aggregates.
 *
 * Distinct counts of people stay exact in two ways. A rollup may keep one row per person and
 * cell (a dense integer key in the grain). Or it splits people in two: those whose rows all fall
 * in one row of the rollup ("regular") are only counted there, so their count adds up over any
 * selection of rows; the others keep one row per person and row of the rollup with their key,
 * counted distinct. A rollup over spells (runs of consecutive months) keeps a person's months
 * as first and last month, so a worker employed for a year is one row, not twelve.
 */
export interface Rollup {
  /** Logical table name, resolved like the base table's. */
  readonly table: string;
  /** Base column → the rollup column(s) holding the same value, or its month, for the same rows. */
  readonly columns: Readonly<Record<string, RollupColumn>>;
  /**
   * Base measures rebuilt from the rollup's columns. A request is read from the rollup only
   * when every base measure of the dataset is here.
   */
  readonly measures: Readonly<Record<string, RollupMeasure>>;
}

export type RollupColumn =
  /** The same value. */
  | { readonly kind: 'same'; readonly column: string }
  /**
   * Only the calendar date of a timestamp: good for period filters and dimensions with a grain,
   * not for the value itself.
   */
  | { readonly kind: 'date'; readonly column: string }
  /**
   * Only the month (its first day). `exact`: the base column holds first days of months itself,
   * so every period is answered; otherwise only periods from a first to a last day of a month.
   */
  | { readonly kind: 'month'; readonly column: string; readonly exact: boolean }
  /**
   * A spell of consecutive months, from `first` to `last` (first days): a row counts for a
   * period when one of its months falls in it. Only for period filters; `exact` as for months.
   */
  | {
      readonly kind: 'spell';
      readonly first: string;
      readonly last: string;
      readonly exact: boolean;
    };

export type RollupMeasure =
  /**
   * Sum of partial counts or sums. With `within`, the sum is a distinct count that is exact only
   * inside one value of each named base column (one row per worker and month: headcount adds up
   * over the cells of one month), so the request must break down by them.
   */
  | { readonly kind: 'sum'; readonly column: string; readonly within?: readonly string[] }
  /** Distinct count over a key kept in the rollup's grain. */
  | { readonly kind: 'count_distinct'; readonly column: string }
  /**
   * People counted as `count` on rows without `key` (regular people, see {@link Rollup}) plus
   * distinct `key` on the other rows. `within` as for sums: people are regular inside one value
   * of those base columns (an application reaches each stage once).
   */
  | {
      readonly kind: 'subjects';
      readonly count: string;
      readonly key: string;
      readonly within?: readonly string[];
    }
  /** Sum of partial sums ÷ sum of partial counts of non-null values. */
  | { readonly kind: 'avg'; readonly sum: string; readonly count: string }
  | { readonly kind: 'min' | 'max'; readonly column: string };

/** The rollup columns a measure reads. */
export function rollupMeasureColumns(measure: RollupMeasure): readonly string[] {
  switch (measure.kind) {
    case 'avg':
      return [measure.sum, measure.count];
    case 'subjects':
      return [measure.count, measure.key];
    case 'sum':
    case 'count_distinct':
    case 'min':
    case 'max':
      return [measure.column];
    default:
      return assertNever(measure, 'rollup measure');
  }
}

/** The rollup columns that hold a base column's value. */
export function rollupColumnNames(column: RollupColumn): readonly string[] {
  return column.kind === 'spell' ? [column.first, column.last] : [column.column];
}

export interface RowColumn {
  readonly label: string;
  readonly column: string;
}

export interface RowsDataset {
  readonly kind: 'rows';
  readonly name: string;
  readonly title: string;
  readonly definition: string;
  readonly table: string;
  /** Column naming one row, for drill-down by id. */
  readonly key: string;
  readonly columns: Readonly<Record<string, RowColumn>>;
  readonly filters: Readonly<Record<string, Filter>>;
  /** Newest first by this column. */
  readonly orderBy: string;
  readonly pii?: Readonly<Record<string, PiiTag>>;
}

export type Dataset = AggregateDataset | RowsDataset;

/** Filters every people dataset shares, keyed as the dashboards' filter bar names them. */
export function orgFilters(period: string): Readonly<Record<string, Filter>> {
  return {
    period: { kind: 'period', label: 'Period', column: period },
    business_unit: { kind: 'values', label: 'Business unit', column: 'business_unit' },
    department: { kind: 'values', label: 'Department', column: 'department' },
    office: { kind: 'values', label: 'Office', column: 'office' },
    job_family: { kind: 'values', label: 'Job family', column: 'job_family' },
  };
}
