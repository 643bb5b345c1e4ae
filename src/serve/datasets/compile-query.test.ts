import { describe, expect, it } from 'vitest';
import { DATASETS } from './catalog.js';
import { compileAggregate, compileRows } from './compile-query.js';
import type { AllowedAccess } from './compile-query.js';
import type { AggregateDataset, RowsDataset } from './dataset.js';
import { parseRequest } from './request.js';
import type { AggregateRequest, RowsRequest } from './request.js';

const dataset = (name: string) => DATASETS.find((d) => d.name === name);
const hrbp: AllowedAccess = {
  kind: 'allowed',
  table: 'gold.dim_workers',
  admin: false,
  rowFilters: [{ rule: 'hrbp', column: 'business_unit', values: ['Sales'] }],
  masked: new Map([
    ['ssn', { tag: 'ssn', aggregatesAllowed: false }],
    ['gender', { tag: 'eeo', aggregatesAllowed: true }],
  ]),
  minGroupSize: 5,
};

describe('compileAggregate', () => {
  it('puts row filters and request values in parameters, never in the SQL text', () => {
    const ds = dataset('representation') as AggregateDataset;
    const request = parseRequest(
      ds,
      new URLSearchParams("dims=level&f.department=x') OR 1=1 --&from=2025-01-01"),
    ) as AggregateRequest;
    const { sql, params } = compileAggregate(ds, request, hrbp, 'gold.dim_workers');
    expect(sql).toBe(
      [
        'SELECT CAST("level" AS VARCHAR) AS d0, count(DISTINCT "worker_id") AS "m_workers", ' +
          'grouping(d0) AS g',
        'FROM "gold"."dim_workers"',
        'WHERE coalesce("is_active", FALSE) AND CAST("business_unit" AS VARCHAR) IN ($1) AND ' +
          'CAST("department" AS VARCHAR) IN ($2) AND CAST("hired_on" AS DATE) >= $3::DATE',
        'GROUP BY GROUPING SETS ((d0), ())',
        'ORDER BY g, d0 NULLS LAST',
      ].join('\n'),
    );
    expect(params).toEqual(['Sales', "x') OR 1=1 --", '2025-01-01']);
  });

  it('allows a breakdown by a column masked for aggregates only', () => {
    const ds = dataset('representation') as AggregateDataset;
    const request = parseRequest(ds, new URLSearchParams('dims=gender')) as AggregateRequest;
    expect(() => compileAggregate(ds, request, hrbp, 'gold.dim_workers')).not.toThrow();
  });

  it('refuses a breakdown or filter on a fully masked column', () => {
    const ds = dataset('representation') as AggregateDataset;
    const masked: AllowedAccess = {
      ...hrbp,
      masked: new Map([['gender', { tag: 'eeo', aggregatesAllowed: false }]]),
    };
    const request = parseRequest(ds, new URLSearchParams('dims=gender')) as AggregateRequest;
    expect(() => compileAggregate(ds, request, masked, 'gold.dim_workers')).toThrow(
      /masked for you/,
    );
  });
});

describe('compileRows', () => {
  it('selects NULL in place of masked columns and keeps the row filter on id lookups', () => {
    const ds = dataset('roster') as RowsDataset;
    const request = parseRequest(ds, new URLSearchParams('id=W00001')) as RowsRequest;
    const { sql, params } = compileRows(ds, request, hrbp, 'gold.dim_workers');
    expect(sql).toContain('NULL AS "ssn"');
    expect(sql).toContain('NULL AS "gender"');
    expect(sql).toContain(
      'WHERE CAST("business_unit" AS VARCHAR) IN ($1) AND CAST("worker_id" AS VARCHAR) = $2',
    );
    expect(params).toEqual(['Sales', 'W00001']);
  });
});

describe('parseRequest', () => {
  const ds = dataset('workforce') as AggregateDataset;
  it.each([
    ['dims=department;DROP TABLE x', /unknown dimension/],
    ['dims=a,b,c', /at most 2 dims/],
    ['measures=count(*)', /unknown measure/],
    ['f.ssn=1', /unknown filter/],
    ['sql=select 1', /unknown parameter/],
    ['from=2025-02-30', /YYYY-MM-DD/],
    ['id=W1', /is a breakdown/],
  ])('refuses %s', (query, message) => {
    expect(() => parseRequest(ds, new URLSearchParams(query))).toThrow(message);
  });
});
