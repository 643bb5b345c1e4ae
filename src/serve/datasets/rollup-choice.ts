/**
 * Whether a request can be answered from one of its dataset's rollups instead of the base
 * table: every column the request touches (dimensions, filters, the reader's row filters, the
 * dataset's scope) is kept by the rollup at a grain the request allows, every base measure can
 * be rebuilt from it for the grouping asked, and the rollup table exists with those columns.
 * Pure; the caller says which columns a table has.
 */
import { assertNever } from '../../core/assert-never.js';
import type { AllowedAccess } from './compile-query.js';
import type { AggregateDataset, Rollup, RollupColumn } from './dataset.js';
import { rollupColumnNames, rollupMeasureColumns } from './dataset.js';
import type { AggregateRequest, FilterValue } from './request.js';

/**
 * The first rollup that answers `request` exactly when grouped by `grouping` (a subset of the
 * request's dimensions: all of them for the cells, none for the total), or undefined for the
 * base table.
 */
export function chooseRollup(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  columnsOf: (rollup: Rollup) => ReadonlySet<string> | undefined,
  grouping: readonly string[] = request.dimensions,
): Rollup | undefined {
  return (dataset.rollups ?? []).find((rollup) => {
    const present = columnsOf(rollup);
    return present !== undefined && answers(dataset, request, access, rollup, present, grouping);
  });
}

/** A period that starts on a first and ends on a last day of a month (either end may be open). */
export function isMonthAligned(period: Extract<FilterValue, { kind: 'period' }>): boolean {
  const fromOk = period.from === undefined || period.from.endsWith('-01');
  if (period.to === undefined) return fromOk;
  const next = new Date(`${period.to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return fromOk && next.getUTCDate() === 1;
}

type Use = 'value' | 'grain' | 'period';

function answers(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  rollup: Rollup,
  present: ReadonlySet<string>,
  grouping: readonly string[],
): boolean {
  const kept = (column: string, use: Use, period?: FilterValue): boolean => {
    const mapped = rollup.columns[column];
    if (!mapped || !rollupColumnNames(mapped).every((c) => present.has(c))) return false;
    return allows(mapped, use, period);
  };

  for (const name of grouping) {
    const dim = dataset.dimensions[name];
    if (!dim || !kept(dim.column, dim.grain === undefined ? 'value' : 'grain')) return false;
    if (dim.orderBy !== undefined && !kept(dim.orderBy, 'value')) return false;
  }
  for (const [name, value] of Object.entries(request.filters)) {
    const filter = dataset.filters[name];
    if (!filter || !kept(filter.column, filter.kind === 'period' ? 'period' : 'value', value)) {
      return false;
    }
  }
  if (!access.rowFilters.every((rule) => kept(rule.column, 'value'))) return false;
  if (dataset.scope && !kept(dataset.scope.column, 'value')) return false;

  return Object.keys(dataset.measures).every((name) => {
    const measure = rollup.measures[name];
    if (!measure || !rollupMeasureColumns(measure).every((c) => present.has(c))) return false;
    const within = measure.kind === 'sum' || measure.kind === 'subjects' ? measure.within : [];
    return (within ?? []).every((column) => groupsBy(dataset, rollup, grouping, column));
  });
}

function allows(mapped: RollupColumn, use: Use, period?: FilterValue): boolean {
  switch (mapped.kind) {
    case 'same':
      return true;
    case 'date':
      return use !== 'value';
    case 'month':
    case 'spell': {
      if (use === 'value' || (use === 'grain' && mapped.kind === 'spell')) return false;
      if (use === 'grain' || mapped.exact) return true;
      return period?.kind === 'period' && isMonthAligned(period);
    }
    default:
      return assertNever(mapped, 'rollup column');
  }
}

/** Whether each group of `grouping` holds one value of the base column. */
function groupsBy(
  dataset: AggregateDataset,
  rollup: Rollup,
  grouping: readonly string[],
  column: string,
): boolean {
  const mapped = rollup.columns[column];
  return grouping.some((name) => {
    const dim = dataset.dimensions[name];
    if (dim?.column !== column) return false;
    return dim.grain === undefined || (dim.grain === 'month' && mapped?.kind === 'month');
  });
}
