/**
 * Whether a request can be answered from one of its dataset's rollups instead of the base
 * table: every column the request touches (dimensions, filters, the reader's row filters, the
 * dataset's scope) is kept by the rollup, every base measure can be rebuilt from it, and the
 * rollup table exists with those columns. Pure; the caller says which columns a table has.
 */
import type { AllowedAccess } from './compile-query.js';
import type { AggregateDataset, Rollup } from './dataset.js';
import type { AggregateRequest } from './request.js';

/** The first rollup that answers `request` exactly, or undefined for the base table. */
export function chooseRollup(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  columnsOf: (rollup: Rollup) => ReadonlySet<string> | undefined,
): Rollup | undefined {
  return (dataset.rollups ?? []).find((rollup) => {
    const present = columnsOf(rollup);
    return present !== undefined && answers(dataset, request, access, rollup, present);
  });
}

function answers(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  rollup: Rollup,
  present: ReadonlySet<string>,
): boolean {
  const kept = (column: string, dateOnlyOk: boolean): boolean => {
    const mapped = rollup.columns[column];
    return mapped !== undefined && present.has(mapped.column) && (dateOnlyOk || !mapped.dateOnly);
  };

  for (const name of request.dimensions) {
    const dim = dataset.dimensions[name];
    if (!dim || !kept(dim.column, dim.grain !== undefined)) return false;
    if (dim.orderBy !== undefined && !kept(dim.orderBy, false)) return false;
  }
  for (const name of Object.keys(request.filters)) {
    const filter = dataset.filters[name];
    if (!filter || !kept(filter.column, filter.kind === 'period')) return false;
  }
  if (!access.rowFilters.every((rule) => kept(rule.column, false))) return false;
  if (dataset.scope && !kept(dataset.scope.column, false)) return false;

  return Object.keys(dataset.measures).every((name) => {
    const measure = rollup.measures[name];
    if (!measure) return false;
    const columns = measure.kind === 'avg' ? [measure.sum, measure.count] : [measure.column];
    return columns.every((c) => present.has(c));
  });
}
