import { describe, expect, it } from 'vitest';
import { DATASETS } from './catalog.js';
import type { AllowedAccess, ReadSource } from './compile-query.js';
import type { AggregateDataset } from './dataset.js';
import { evaluateAggregate } from './memory-rollups.js';
import { parseRequest } from './request.js';
import type { AggregateRequest } from './request.js';

const workforce = DATASETS.find((d) => d.name === 'workforce') as AggregateDataset;
const spells = workforce.rollups?.find((r) => r.table === 'worker_months_spells');
const sales: AllowedAccess = {
  kind: 'allowed',
  table: 'gold.fct_worker_months',
  admin: false,
  rowFilters: [{ rule: 'hrbp', column: 'business_unit', values: ['Sales'] }],
  masked: new Map(),
  minGroupSize: 5,
};
const TYPES = new Map([
  ['business_unit', 'VARCHAR'],
  ['department', 'VARCHAR'],
  ['office', 'VARCHAR'],
  ['job_family', 'VARCHAR'],
  ['first_month', 'DATE'],
  ['last_month', 'DATE'],
  ['month', 'DATE'],
]);
const spell = (
  department: string,
  first: string,
  last: string,
  workers: number | null,
  key: number | null,
) => ({
  business_unit: department === 'Ops' ? 'Operations' : 'Sales',
  department,
  first_month: first,
  last_month: last,
  month: null,
  spell_workers: workers === null ? null : String(workers),
  worker_key: key,
  worker_months: null,
  hires: null,
  separations: null,
});
const ROWS = [
  spell('Field', '2025-01-01', '2025-06-01', 7, null),
  spell('Field', '2025-08-01', '2025-12-01', 3, null),
  // One worker in two spells of Field (left, came back) and one in Inside too.
  spell('Field', '2025-01-01', '2025-02-01', null, 1),
  spell('Field', '2025-05-01', '2025-09-01', null, 1),
  spell('Inside', '2025-03-01', '2025-04-01', null, 1),
  spell('Ops', '2025-01-01', '2025-12-01', 50, null),
  {
    ...spell('Field', '2025-03-01', '2025-03-01', null, null),
    month: '2025-03-01',
    worker_months: '9',
    hires: '2',
    separations: '1',
  },
];

function evaluate(query: string, source: Partial<ReadSource> = {}) {
  if (!spells) throw new Error('workforce has no spells rollup');
  const request = parseRequest(workforce, new URLSearchParams(query)) as AggregateRequest;
  return evaluateAggregate(
    workforce,
    request,
    sales,
    { table: 'gold.agg_workforce_spells', types: TYPES, rollup: spells, ...source },
    'both',
    ROWS,
  );
}

describe('evaluateAggregate', () => {
  it('counts single-spell people as sums and the others distinct, in the period, row-filtered', () => {
    expect(evaluate('dims=department&from=2025-02-15&to=2025-07-31')).toEqual([
      {
        d0: 'Field',
        m_headcount: 8,
        m_worker_months: 9,
        m_months: 1,
        m_hires: 2,
        m_separations: 1,
        g: 0,
      },
      {
        d0: 'Inside',
        m_headcount: 1,
        m_worker_months: 0,
        m_months: 0,
        m_hires: 0,
        m_separations: 0,
        g: 0,
      },
      {
        d0: null,
        m_headcount: 8,
        m_worker_months: 9,
        m_months: 1,
        m_hires: 2,
        m_separations: 1,
        g: 1,
      },
    ]);
  });

  it('finds no month in a period inside one month, as the base table does', () => {
    expect(evaluate('from=2025-03-05&to=2025-03-20')).toEqual([
      { m_headcount: 0, m_worker_months: 0, m_months: 0, m_hires: 0, m_separations: 0 },
    ]);
  });

  it('leaves columns of other types to SQL', () => {
    const types = new Map([...TYPES, ['department', 'INTEGER']]);
    expect(evaluate('dims=department', { types })).toBeUndefined();
    expect(evaluate('dims=department', { types: new Map() })).toBeUndefined();
  });
});
