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
    const { sql, params } = compileAggregate(ds, request, hrbp, { table: 'gold.dim_workers' });
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
    expect(() => compileAggregate(ds, request, hrbp, { table: 'gold.dim_workers' })).not.toThrow();
  });

  it('refuses a breakdown or filter on a fully masked column', () => {
    const ds = dataset('representation') as AggregateDataset;
    const masked: AllowedAccess = {
      ...hrbp,
      masked: new Map([['gender', { tag: 'eeo', aggregatesAllowed: false }]]),
    };
    const request = parseRequest(ds, new URLSearchParams('dims=gender')) as AggregateRequest;
    expect(() => compileAggregate(ds, request, masked, { table: 'gold.dim_workers' })).toThrow(
      /masked for you/,
    );
  });
});

describe('compileAggregate on typed columns and rollups', () => {
  const applications = dataset('applications') as AggregateDataset;
  const rollup = applications.rollups?.find((r) => r.table === 'applications_daily');

  it('compares text and timestamp columns without casting every row', () => {
    const types = new Map([
      ['business_unit', 'VARCHAR'],
      ['department', 'VARCHAR'],
      ['applied_at', 'TIMESTAMP'],
      ['application_id', 'BIGINT'],
    ]);
    const request = parseRequest(
      applications,
      new URLSearchParams('measures=hires&f.department=Sales&from=2025-01-01&to=2025-03-31'),
    ) as AggregateRequest;
    const { sql, params } = compileAggregate(applications, request, hrbp, {
      table: 'gold.fct_applications',
      types,
    });
    expect(sql.split('\n')[2]).toBe(
      'WHERE "business_unit" IN ($1) AND "department" IN ($2) AND "applied_at" >= $3::DATE AND ' +
        '"applied_at" < $4::DATE + INTERVAL 1 DAY',
    );
    expect(params).toEqual(['Sales', 'Sales', '2025-01-01', '2025-03-31']);
  });

  it('keeps the cast on a column whose type it does not know or that holds a time zone', () => {
    const request = parseRequest(
      applications,
      new URLSearchParams('measures=hires&to=2025-03-31'),
    ) as AggregateRequest;
    const { sql } = compileAggregate(applications, request, hrbp, {
      table: 'gold.fct_applications',
      types: new Map([['applied_at', 'TIMESTAMP WITH TIME ZONE']]),
    });
    expect(sql).toContain(
      'CAST("business_unit" AS VARCHAR) IN ($1) AND CAST("applied_at" AS DATE) <= $2::DATE',
    );
  });

  it('reads a rollup through its column mapping and partial aggregates', () => {
    if (!rollup) throw new Error('applications has no rollup');
    const request = parseRequest(
      applications,
      new URLSearchParams('dims=month&to=2025-03-31'),
    ) as AggregateRequest;
    const { sql } = compileAggregate(applications, request, hrbp, {
      table: 'gold.agg_applications_daily',
      types: new Map([
        ['applied_on', 'DATE'],
        ['business_unit', 'VARCHAR'],
      ]),
      rollup,
    });
    expect(sql).toBe(
      [
        `SELECT strftime(CAST("applied_on" AS DATE), '%Y-%m') AS d0, ` +
          'CAST(coalesce(sum("applications"), 0) AS BIGINT) AS "m_applications", ' +
          'count(DISTINCT "candidate_key") AS "m_applicants", ' +
          'CAST(coalesce(sum("hires"), 0) AS BIGINT) AS "m_hires", ' +
          'CAST(coalesce(sum("offers_extended"), 0) AS BIGINT) AS "m_offers_extended", ' +
          'CAST(coalesce(sum("offers_accepted"), 0) AS BIGINT) AS "m_offers_accepted", ' +
          'CAST(sum("hire_days_sum") AS DOUBLE) / nullif(sum("hire_days_n"), 0) ' +
          'AS "m_time_to_hire_days", grouping(d0) AS g',
        'FROM "gold"."agg_applications_daily"',
        'WHERE "business_unit" IN ($1) AND "applied_on" <= $2::DATE',
        'GROUP BY GROUPING SETS ((d0), ())',
        'ORDER BY g, d0 NULLS LAST',
      ].join('\n'),
    );
  });

  it('still refuses a masked column when a rollup is read', () => {
    if (!rollup) throw new Error('applications has no rollup');
    const masked: AllowedAccess = {
      ...hrbp,
      masked: new Map([['eeo_gender', { tag: 'eeo', aggregatesAllowed: false }]]),
    };
    const request = parseRequest(
      applications,
      new URLSearchParams('dims=gender'),
    ) as AggregateRequest;
    expect(() =>
      compileAggregate(applications, request, masked, {
        table: 'gold.agg_applications_daily',
        rollup,
      }),
    ).toThrow(/masked for you/);
  });
});

describe('compileAggregate on split rollups and spells', () => {
  const workforce = dataset('workforce') as AggregateDataset;
  const rollupNamed = (table: string) => {
    const found = workforce.rollups?.find((r) => r.table === table);
    if (!found) throw new Error(`no rollup ${table}`);
    return found;
  };

  it('counts regular people as a sum and the others distinct, over spells in the period', () => {
    const request = parseRequest(
      workforce,
      new URLSearchParams('dims=department&measures=headcount&from=2025-02-15&to=2025-06-30'),
    ) as AggregateRequest;
    const { sql, params } = compileAggregate(
      workforce,
      request,
      hrbp,
      {
        table: 'gold.agg_workforce_spells',
        types: new Map([['department', 'VARCHAR']]),
        rollup: rollupNamed('worker_months_spells'),
      },
      'cells',
    );
    expect(sql).toBe(
      [
        'SELECT CAST("department" AS VARCHAR) AS d0, ' +
          'CAST(coalesce(sum("spell_workers"), 0) AS BIGINT) + count(DISTINCT "worker_key") ' +
          'AS "m_headcount", ' +
          'CAST(coalesce(sum("worker_months"), 0) AS BIGINT) AS "m_worker_months", ' +
          'count(DISTINCT "month") AS "m_months", ' +
          'CAST(coalesce(sum("hires"), 0) AS BIGINT) AS "m_hires", ' +
          'CAST(coalesce(sum("separations"), 0) AS BIGINT) AS "m_separations", 0 AS g',
        'FROM "gold"."agg_workforce_spells"',
        'WHERE CAST("business_unit" AS VARCHAR) IN ($1) AND "first_month" <= $3::DATE AND ' +
          '"last_month" >= $2::DATE AND ' +
          "date_trunc('month', $2::DATE - INTERVAL 1 DAY) + INTERVAL 1 MONTH <= $3::DATE",
        'GROUP BY d0',
        'ORDER BY d0 NULLS LAST',
      ].join('\n'),
    );
    expect(params).toEqual(['Sales', '2025-02-15', '2025-06-30']);
  });

  it('writes the total alone, marked as the total, for a breakdown read from two tables', () => {
    const request = parseRequest(
      workforce,
      new URLSearchParams('dims=month&measures=headcount'),
    ) as AggregateRequest;
    const { sql } = compileAggregate(
      workforce,
      request,
      hrbp,
      { table: 'gold.agg_workforce_spells', rollup: rollupNamed('worker_months_spells') },
      'total',
    );
    expect(sql.split('\n')[0]).toMatch(/AS "m_separations", 1 AS g$/);
    expect(sql).not.toContain('GROUP BY');
  });
});

describe('compileRows', () => {
  it('selects NULL in place of masked columns and keeps the row filter on id lookups', () => {
    const ds = dataset('roster') as RowsDataset;
    const request = parseRequest(ds, new URLSearchParams('id=W00001')) as RowsRequest;
    const { sql, params } = compileRows(ds, request, hrbp, { table: 'gold.dim_workers' });
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
