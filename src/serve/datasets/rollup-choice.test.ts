import { describe, expect, it } from 'vitest';
import { DATASETS } from './catalog.js';
import type { AllowedAccess } from './compile-query.js';
import type { AggregateDataset, Rollup } from './dataset.js';
import { parseRequest } from './request.js';
import type { AggregateRequest } from './request.js';
import { chooseRollup } from './rollup-choice.js';

const workforce = DATASETS.find((d) => d.name === 'workforce') as AggregateDataset;
const access: AllowedAccess = {
  kind: 'allowed',
  table: 'gold.fct_worker_months',
  admin: false,
  rowFilters: [{ rule: 'hrbp', column: 'business_unit', values: ['Sales'] }],
  masked: new Map(),
  minGroupSize: 5,
};
const everyColumn = (rollup: Rollup): ReadonlySet<string> =>
  new Set([
    ...Object.values(rollup.columns).map((c) => c.column),
    ...Object.values(rollup.measures).flatMap((m) =>
      m.kind === 'avg' ? [m.sum, m.count] : [m.column],
    ),
  ]);
const request = (query: string): AggregateRequest =>
  parseRequest(workforce, new URLSearchParams(query)) as AggregateRequest;

describe('chooseRollup', () => {
  it('answers a breakdown, period and row filter the rollup keeps', () => {
    const chosen = chooseRollup(
      workforce,
      request('dims=month,department&from=2025-01-01&f.office=Berlin'),
      access,
      everyColumn,
    );
    expect(chosen?.table).toBe('worker_months_narrow');
  });

  it('falls back to the base table when the rollup table is missing or lacks a column', () => {
    expect(chooseRollup(workforce, request('dims=month'), access, () => undefined)).toBeUndefined();
    const withoutKey = (rollup: Rollup): ReadonlySet<string> => {
      const columns = new Set(everyColumn(rollup));
      columns.delete('worker_key');
      return columns;
    };
    expect(chooseRollup(workforce, request('dims=month'), access, withoutKey)).toBeUndefined();
  });

  it('falls back when a row filter reads a column the rollup does not keep', () => {
    const byLevel: AllowedAccess = {
      ...access,
      rowFilters: [{ rule: 'levels', column: 'job_level', values: ['L1'] }],
    };
    expect(chooseRollup(workforce, request('dims=month'), byLevel, everyColumn)).toBeUndefined();
  });

  it('uses a date-only column for periods and grains, not for its own value', () => {
    const applications = DATASETS.find((d) => d.name === 'applications') as AggregateDataset;
    const byMonth = parseRequest(
      applications,
      new URLSearchParams('dims=month&to=2025-06-30'),
    ) as AggregateRequest;
    expect(chooseRollup(applications, byMonth, access, everyColumn)).toBeDefined();
    const byDay: AggregateDataset = {
      ...applications,
      dimensions: { ...applications.dimensions, day: { label: 'Day', column: 'applied_at' } },
    };
    const byDayRequest = parseRequest(byDay, new URLSearchParams('dims=day')) as AggregateRequest;
    expect(chooseRollup(byDay, byDayRequest, access, everyColumn)).toBeUndefined();
  });

  it('falls back when a base measure has no rollup counterpart', () => {
    const more: AggregateDataset = {
      ...workforce,
      measures: { ...workforce.measures, fte: { kind: 'sum', label: 'FTE', column: 'fte' } },
    };
    expect(chooseRollup(more, request('dims=month'), access, everyColumn)).toBeUndefined();
  });
});
