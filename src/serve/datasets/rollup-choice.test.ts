import { describe, expect, it } from 'vitest';
import { DATASETS } from './catalog.js';
import type { AllowedAccess } from './compile-query.js';
import type { AggregateDataset, Rollup } from './dataset.js';
import { rollupColumnNames, rollupMeasureColumns } from './dataset.js';
import { parseRequest } from './request.js';
import type { AggregateRequest } from './request.js';
import { chooseRollup, isMonthAligned } from './rollup-choice.js';

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
    ...Object.values(rollup.columns).flatMap(rollupColumnNames),
    ...Object.values(rollup.measures).flatMap(rollupMeasureColumns),
  ]);
const applications = DATASETS.find((d) => d.name === 'applications') as AggregateDataset;
const funnel = DATASETS.find((d) => d.name === 'funnel') as AggregateDataset;
const tableFor = (
  dataset: AggregateDataset,
  query: string,
  grouping?: readonly string[],
): string | undefined => {
  const parsed = parseRequest(dataset, new URLSearchParams(query)) as AggregateRequest;
  return chooseRollup(dataset, parsed, access, everyColumn, grouping)?.table;
};
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
    expect(chosen?.table).toBe('worker_months_monthly');
  });

  it('adds up per-month headcounts only for groupings by month, and reads spells otherwise', () => {
    expect(tableFor(workforce, 'dims=month', ['month'])).toBe('worker_months_monthly');
    expect(tableFor(workforce, 'dims=month', [])).toBe('worker_months_spells');
    expect(tableFor(workforce, 'dims=department&from=2025-03-17')).toBe('worker_months_spells');
    // A tenure band changes within a spell: only the per-worker rollup keeps it over periods.
    expect(tableFor(workforce, 'dims=tenure_band')).toBe('worker_months_narrow');
    expect(tableFor(workforce, 'dims=month,tenure_band')).toBe('worker_months_monthly');
  });

  it('reads monthly rollups of timestamps only for whole months', () => {
    expect(tableFor(applications, 'dims=source&from=2025-02-01&to=2025-04-30')).toBe(
      'applications_monthly',
    );
    expect(tableFor(applications, 'dims=source&to=2025-04-29')).toBe('applications_daily');
    expect(tableFor(applications, 'dims=source&from=2025-02-02')).toBe('applications_daily');
    expect(tableFor(applications, 'dims=office')).toBe('applications_daily');
    expect(tableFor(funnel, 'dims=stage&to=2024-02-29', ['stage'])).toBe(
      'application_stages_monthly',
    );
    expect(tableFor(funnel, 'dims=stage&to=2024-02-29', [])).toBe('application_stages_spells');
    expect(tableFor(funnel, 'dims=stage&to=2024-02-28', [])).toBe('application_stages_daily');
  });

  it('knows a month-aligned period', () => {
    expect(
      [
        { from: '2025-01-01' },
        { to: '2024-02-29' },
        { from: '2025-03-01', to: '2025-03-31' },
        { to: '2023-02-28' },
        { from: '2025-01-02' },
        { to: '2024-02-28' },
        { to: '2025-06-15' },
        {},
      ].map((p) => isMonthAligned({ kind: 'period', ...p })),
    ).toEqual([true, true, true, true, false, false, false, true]);
  });

  it('falls back to the base table when the rollup table is missing or lacks a column', () => {
    expect(chooseRollup(workforce, request('dims=month'), access, () => undefined)).toBeUndefined();
    const withoutKey = (rollup: Rollup): ReadonlySet<string> => {
      const columns = new Set(everyColumn(rollup));
      columns.delete('worker_key');
      columns.delete('workers');
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
