/**
 * Every gold metric on the hand-built company of fixture/company-scenario.ts, built with the real
 * gold models, macros and data tests over silver tables written by hand. Expected values are
 * worked out on paper in the comments; the reporting date is 2026-06-30 and the months run
 * from January to June 2026.
 *
 * The workforce as the scenario defines it (employees; W6 is contingent, W8 starts 2026-07-06):
 *   W1  Platform  New York  SWE3  hired 2020-03-02
 *   W2  Platform  New York  SWE2  hired 2023-01-09, last day 2026-02-14 (voluntary, regretted)
 *   W3  Platform  London    SWE2  hired 2026-01-12
 *   W4  Sales     New York  AE2   hired 2025-11-03, FTE 0.5, last day 2026-03-31 (involuntary)
 *   W5  Sales     London    AE2   hired 2016-05-01, to Platform/SWE3 on 2026-03-16
 *   W7  Sales     New York  AE2   hired 2026-04-01, last day 2026-05-29 (voluntary)
 *   W9  Platform  New York  SWE2  hired 2024-06-01, FTE 0.8 + a 0.2 job 2026-01-01..03-31
 *   W10 Sales     London    AE2   left 2025-12-31, rehired 2026-05-04
 *   W11 Platform  New York  SWE3  hired 2015-02-02
 *   W12 Sales     New York  AE2   hired 2006-01-02
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF_DATE, METRICS_START, companyScenario } from './fixture/company-scenario.js';
import { goldFixtureProject } from './fixture/gold-project.js';
import type { GoldFixtureProject } from './fixture/gold-project.js';
import { daysBetween, rowsOf } from './fixture/query.js';

let project: GoldFixtureProject;

beforeAll(async () => {
  project = await goldFixtureProject({
    silver: companyScenario(),
    vars: { as_of_date: AS_OF_DATE, metrics_start_month: METRICS_START },
  });
  const built = await project.build(['--select', '+tag:gold']);
  expect(built.stderr).toContain('Completed successfully');
  expect(built.code).toBe(0);
});

afterAll(() => project?.remove());

type Row = Record<string, unknown>;

/** Rows of a gold table for one breakdown, ordered by month, with the named columns. */
async function series(
  table: string,
  columns: readonly string[],
  where = "dimension_type = 'company'",
): Promise<Row[]> {
  return rowsOf(
    project,
    `select strftime(period_month, '%m') as month, ${columns.join(', ')}
     from gold.${table} where ${where} order by period_month`,
  );
}

/** Compares rows field by field, numbers to 4 decimals. */
function expectRows(actual: readonly Row[], expected: readonly Row[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((row, i) => {
    for (const [key, value] of Object.entries(row)) {
      const got = actual[i]?.[key];
      if (typeof value === 'number' && !Number.isInteger(value)) {
        expect(Number(got), `row ${i} ${key}`).toBeCloseTo(value, 4);
      } else {
        expect(
          got === null ? null : typeof value === 'number' ? Number(got) : got,
          `row ${i} ${key}`,
        ).toEqual(value);
      }
    }
  });
}

describe('workforce metrics', () => {
  it('M1 headcount: first day, last day and average of daily values', async () => {
    // Jan 1: W1 W2 W4 W5 W9 W11 W12 = 7 (W10's first spell ended 2025-12-31; W3 starts Jan 12).
    // Jan 31: + W3 = 8. Average: 7 every day + W3 on Jan 12..31 (20 days) = 7 + 20/31.
    // Feb: 8 on Feb 1; W2 works Feb 1..14, so 7 on Feb 28; average 8 - 14/28 = 7.5.
    // Mar: W4's last day is Mar 31 and W5's transfer keeps them employed: 7, 7, 7.
    // Apr 1: W4 gone, W7 hired: 7 all month.
    // May: W7 works May 1..29 (29 days), W10 from May 4 (28 days); 6 others all month:
    //   average 6 + 29/31 + 28/31; 7 on May 1 (W7 in) and 7 on May 31 (W10 in).
    // Jun: 7 all month; W8 starts after the reporting date.
    expectRows(
      await series('headcount_monthly', ['headcount_start', 'headcount_end', 'headcount_avg']),
      [
        { month: '01', headcount_start: 7, headcount_end: 8, headcount_avg: 7 + 20 / 31 },
        { month: '02', headcount_start: 8, headcount_end: 7, headcount_avg: 7.5 },
        { month: '03', headcount_start: 7, headcount_end: 7, headcount_avg: 7 },
        { month: '04', headcount_start: 7, headcount_end: 7, headcount_avg: 7 },
        { month: '05', headcount_start: 7, headcount_end: 7, headcount_avg: 6 + 57 / 31 },
        { month: '06', headcount_start: 7, headcount_end: 7, headcount_avg: 7 },
      ],
    );
  });

  it('M1 by department: transfers move headcount between departments', async () => {
    // Platform: Jan 1 W1 W2 W9 W11 = 4, + W3 from Jan 12 -> 4 + 20/31, 5 at the end.
    // Feb: W2 leaves after Feb 14 -> 5 - 14/28 = 4.5, 4 at the end.
    // Mar: W5 joins on Mar 16 (16 days of 31) -> 4 + 16/31, 5 at the end; then 5.
    expectRows(
      await series(
        'headcount_monthly',
        ['headcount_start', 'headcount_end', 'headcount_avg'],
        "dimension_type = 'department' and dimension_value = 'Platform'",
      ),
      [
        { month: '01', headcount_start: 4, headcount_end: 5, headcount_avg: 4 + 20 / 31 },
        { month: '02', headcount_start: 5, headcount_end: 4, headcount_avg: 4.5 },
        { month: '03', headcount_start: 4, headcount_end: 5, headcount_avg: 4 + 16 / 31 },
        { month: '04', headcount_start: 5, headcount_end: 5, headcount_avg: 5 },
        { month: '05', headcount_start: 5, headcount_end: 5, headcount_avg: 5 },
        { month: '06', headcount_start: 5, headcount_end: 5, headcount_avg: 5 },
      ],
    );
    // Sales: W4 W5 W12 = 3 until W5 leaves on Mar 16 (absent 16 days) and W4 after Mar 31:
    // March 3 - 16/31, 2 at the end (W4 still in on Mar 31). April W7 W12 = 2. May: W12 all
    // month, W7 29 days, W10 28 days -> 1 + 57/31, 2 at both ends.
    expectRows(
      await series(
        'headcount_monthly',
        ['headcount_start', 'headcount_end', 'headcount_avg'],
        "dimension_type = 'department' and dimension_value = 'Sales'",
      ),
      [
        { month: '01', headcount_start: 3, headcount_end: 3, headcount_avg: 3 },
        { month: '02', headcount_start: 3, headcount_end: 3, headcount_avg: 3 },
        { month: '03', headcount_start: 3, headcount_end: 2, headcount_avg: 3 - 16 / 31 },
        { month: '04', headcount_start: 2, headcount_end: 2, headcount_avg: 2 },
        { month: '05', headcount_start: 2, headcount_end: 2, headcount_avg: 1 + 57 / 31 },
        { month: '06', headcount_start: 2, headcount_end: 2, headcount_avg: 2 },
      ],
    );
  });

  it('M1 by office, business unit, job family and level on the reporting date', async () => {
    // Jun 30: New York W1 W9 W11 W12 = 4; London W3 W5 W10 = 3. Engineering BU (Platform):
    // W1 W3 W5 W9 W11 = 5; Go-To-Market (Sales) W10 W12 = 2. Families: Engineering 5, Sales 2.
    // Levels: IC2 = W3 W9 (SWE2) + W10 W12 (AE2) = 4; IC3 = W1 W5 W11 = 3.
    const rows = await rowsOf(
      project,
      `select dimension_type, dimension_value, headcount_end::int as n from gold.headcount_monthly
       where period_month = date '2026-06-01' and dimension_type <> 'department' order by all`,
    );
    expect(rows).toEqual([
      { dimension_type: 'business_unit', dimension_value: 'Engineering', n: 5 },
      { dimension_type: 'business_unit', dimension_value: 'Go-To-Market', n: 2 },
      { dimension_type: 'company', dimension_value: 'All', n: 7 },
      { dimension_type: 'job_family', dimension_value: 'Engineering', n: 5 },
      { dimension_type: 'job_family', dimension_value: 'Sales', n: 2 },
      { dimension_type: 'job_level', dimension_value: 'IC2', n: 4 },
      { dimension_type: 'job_level', dimension_value: 'IC3', n: 3 },
      { dimension_type: 'office', dimension_value: 'London', n: 3 },
      { dimension_type: 'office', dimension_value: 'New York', n: 4 },
    ]);
  });

  it('M2 FTE sums every active position, second jobs included', async () => {
    // Jan 1: W1 1 + W2 1 + W4 0.5 + W5 1 + W9 (0.8 + 0.2) + W11 1 + W12 1 = 6.5; + W3 from Jan 12.
    // Feb: 7.5, W2 (1.0) for 14 of 28 days -> 7.0, 6.5 at the end.
    // Apr 1: W4 (0.5) and W9's second job (0.2) end, W7 (1.0) starts: 6.5 - 0.7 + 1 = 6.8.
    // May: 6.8 - W7 + 29/31 + W10 28/31 = 5.8 + 57/31.
    expectRows(await series('headcount_monthly', ['fte_start', 'fte_end', 'fte_avg']), [
      { month: '01', fte_start: 6.5, fte_end: 7.5, fte_avg: 6.5 + 20 / 31 },
      { month: '02', fte_start: 7.5, fte_end: 6.5, fte_avg: 7 },
      { month: '03', fte_start: 6.5, fte_end: 6.5, fte_avg: 6.5 },
      { month: '04', fte_start: 6.8, fte_end: 6.8, fte_avg: 6.8 },
      { month: '05', fte_start: 6.8, fte_end: 6.8, fte_avg: 5.8 + 57 / 31 },
      { month: '06', fte_start: 6.8, fte_end: 6.8, fte_avg: 6.8 },
    ]);
  });

  it('M19 hires, separations and net change; a transfer is neither', async () => {
    // Hires: W3 (Jan), W7 (Apr), W10's rehire (May). Separations by last day: W2 (Feb),
    // W4 (Mar), W7 (May). W10's 2025 separation falls before January.
    expectRows(await series('hires_monthly', ['hires', 'separations', 'net_change']), [
      { month: '01', hires: 1, separations: 0, net_change: 1 },
      { month: '02', hires: 0, separations: 1, net_change: -1 },
      { month: '03', hires: 0, separations: 1, net_change: -1 },
      { month: '04', hires: 1, separations: 0, net_change: 1 },
      { month: '05', hires: 1, separations: 1, net_change: 0 },
      { month: '06', hires: 0, separations: 0, net_change: 0 },
    ]);
  });

  it('M3 and M4 turnover: separations over average headcount, by kind', async () => {
    // Feb: W2 (voluntary, regretted) / 7.5. Mar: W4 (involuntary) / 7. May: W7 (voluntary,
    // not regretted) / (6 + 57/31). Fewer than 12 months: no trailing annual rate.
    const may = 1 / (6 + 57 / 31);
    expectRows(
      await series('turnover_monthly', [
        'separations',
        'turnover_rate',
        'voluntary_turnover_rate',
        'involuntary_turnover_rate',
        'regretted_turnover_rate',
        'turnover_rate_trailing_12m',
      ]),
      [
        {
          month: '01',
          separations: 0,
          turnover_rate: 0,
          voluntary_turnover_rate: 0,
          involuntary_turnover_rate: 0,
          regretted_turnover_rate: 0,
          turnover_rate_trailing_12m: null,
        },
        {
          month: '02',
          separations: 1,
          turnover_rate: 1 / 7.5,
          voluntary_turnover_rate: 1 / 7.5,
          involuntary_turnover_rate: 0,
          regretted_turnover_rate: 1 / 7.5,
          turnover_rate_trailing_12m: null,
        },
        {
          month: '03',
          separations: 1,
          turnover_rate: 1 / 7,
          voluntary_turnover_rate: 0,
          involuntary_turnover_rate: 1 / 7,
          regretted_turnover_rate: 0,
          turnover_rate_trailing_12m: null,
        },
        {
          month: '04',
          separations: 0,
          turnover_rate: 0,
          voluntary_turnover_rate: 0,
          involuntary_turnover_rate: 0,
          regretted_turnover_rate: 0,
          turnover_rate_trailing_12m: null,
        },
        {
          month: '05',
          separations: 1,
          turnover_rate: may,
          voluntary_turnover_rate: may,
          involuntary_turnover_rate: 0,
          regretted_turnover_rate: 0,
          turnover_rate_trailing_12m: null,
        },
        {
          month: '06',
          separations: 0,
          turnover_rate: 0,
          voluntary_turnover_rate: 0,
          involuntary_turnover_rate: 0,
          regretted_turnover_rate: 0,
          turnover_rate_trailing_12m: null,
        },
      ],
    );
  });

  it('M5 retention: the first-day cohort still employed at the end; a transfer stays retained', async () => {
    // Company: Feb 8 in, W2 leaves -> 7/8; Mar 7 in, W4 leaves -> 6/7; May 7 in, W7 leaves
    // -> 6/7 (W10's rehire is not in the May 1 cohort).
    expectRows(
      await series('retention_monthly', ['headcount_start', 'retained', 'retention_rate']),
      [
        { month: '01', headcount_start: 7, retained: 7, retention_rate: 1 },
        { month: '02', headcount_start: 8, retained: 7, retention_rate: 0.875 },
        { month: '03', headcount_start: 7, retained: 6, retention_rate: 6 / 7 },
        { month: '04', headcount_start: 7, retained: 7, retention_rate: 1 },
        { month: '05', headcount_start: 7, retained: 6, retention_rate: 6 / 7 },
        { month: '06', headcount_start: 7, retained: 7, retention_rate: 1 },
      ],
    );
    // Sales in March: W4 W5 W12 on Mar 1; W4 leaves, W5 transfers but stays -> 2/3.
    // Sales in May: W7 W12 on May 1; W7 leaves -> 1/2.
    expectRows(
      await series(
        'retention_monthly',
        ['retained', 'retention_rate'],
        "dimension_type = 'department' and dimension_value = 'Sales' and period_month in ('2026-03-01', '2026-05-01')",
      ),
      [
        { month: '03', retained: 2, retention_rate: 2 / 3 },
        { month: '05', retained: 1, retention_rate: 0.5 },
      ],
    );
  });

  it('M6 first-year turnover by hire cohort', async () => {
    // January: W3, still employed. April: W7, gone within a year (voluntary). May: W10's
    // rehire. No cohort is a year old by 2026-06-30.
    expectRows(
      await series('first_year_turnover', [
        'hires',
        'first_year_separations',
        'first_year_separations_voluntary',
        'first_year_turnover_rate',
        'is_mature',
      ]),
      [
        {
          month: '01',
          hires: 1,
          first_year_separations: 0,
          first_year_separations_voluntary: 0,
          first_year_turnover_rate: 0,
          is_mature: false,
        },
        {
          month: '02',
          hires: 0,
          first_year_separations: 0,
          first_year_separations_voluntary: 0,
          first_year_turnover_rate: null,
          is_mature: false,
        },
        {
          month: '03',
          hires: 0,
          first_year_separations: 0,
          first_year_separations_voluntary: 0,
          first_year_turnover_rate: null,
          is_mature: false,
        },
        {
          month: '04',
          hires: 1,
          first_year_separations: 1,
          first_year_separations_voluntary: 1,
          first_year_turnover_rate: 1,
          is_mature: false,
        },
        {
          month: '05',
          hires: 1,
          first_year_separations: 0,
          first_year_separations_voluntary: 0,
          first_year_turnover_rate: 0,
          is_mature: false,
        },
        {
          month: '06',
          hires: 0,
          first_year_separations: 0,
          first_year_separations_voluntary: 0,
          first_year_turnover_rate: null,
          is_mature: false,
        },
      ],
    );
  });

  it('M20 tenure: mean days since hire and bands at month ends', async () => {
    // Jan 31 active: W1 (2020-03-02, 5-10 y), W2 (2023-01-09, 1-5), W3 (2026-01-12, <1),
    // W4 (2025-11-03, <1), W5 (2016-05-01, 5-10), W9 (2024-06-01, 1-5), W11 (2015-02-02,
    // 10-20), W12 (2006-01-02, 20-30: twenty years on 2026-01-02).
    const jan = [
      '2020-03-02',
      '2023-01-09',
      '2026-01-12',
      '2025-11-03',
      '2016-05-01',
      '2024-06-01',
      '2015-02-02',
      '2006-01-02',
    ];
    // Jun 30 active: W1 (5-10), W3 (<1), W5 (10-20: ten years on 2026-05-01), W9 (1-5),
    // W10 (rehired 2026-05-04, <1: tenure counts from the current spell), W11 (10-20), W12 (20-30).
    const jun = [
      '2020-03-02',
      '2026-01-12',
      '2016-05-01',
      '2024-06-01',
      '2026-05-04',
      '2015-02-02',
      '2006-01-02',
    ];
    const mean = (hires: string[], end: string): number =>
      hires.reduce((sum, h) => sum + daysBetween(h, end), 0) / hires.length;
    const rows = await series(
      'tenure_monthly',
      [
        'active_workers',
        'mean_tenure_days',
        'workers_under_1y',
        'workers_1_to_5y',
        'workers_5_to_10y',
        'workers_10_to_20y',
        'workers_20_to_30y',
        'workers_30y_plus',
      ],
      "dimension_type = 'company' and period_month in ('2026-01-01', '2026-06-01')",
    );
    expectRows(rows, [
      {
        month: '01',
        active_workers: 8,
        mean_tenure_days: Math.round(mean(jan, '2026-01-31') * 100) / 100,
        workers_under_1y: 2,
        workers_1_to_5y: 2,
        workers_5_to_10y: 2,
        workers_10_to_20y: 1,
        workers_20_to_30y: 1,
        workers_30y_plus: 0,
      },
      {
        month: '06',
        active_workers: 7,
        mean_tenure_days: Math.round(mean(jun, '2026-06-30') * 100) / 100,
        workers_under_1y: 2,
        workers_1_to_5y: 1,
        workers_5_to_10y: 1,
        workers_10_to_20y: 2,
        workers_20_to_30y: 1,
        workers_30y_plus: 0,
      },
    ]);
  });
});

describe('recruiting metrics', () => {
  it('M7 time to fill: opening opened to offer accepted, per month filled', async () => {
    // R1: 2026-01-05 -> 2026-03-10 = 26 + 28 + 10 = 64 days. R3: 2026-02-02 -> 2026-04-20 =
    // 26 + 31 + 20 = 77 days. R2 is open, R4 closed unfilled. Rows start with the first fill.
    expectRows(await series('time_to_fill_monthly', ['openings_filled', 'mean_days_to_fill']), [
      { month: '03', openings_filled: 1, mean_days_to_fill: 64 },
      { month: '04', openings_filled: 1, mean_days_to_fill: 77 },
      { month: '05', openings_filled: 0, mean_days_to_fill: null },
      { month: '06', openings_filled: 0, mean_days_to_fill: null },
    ]);
  });

  it('M8 time to hire from the application date', async () => {
    // A1: 2026-01-20 -> 2026-03-10 = 11 + 28 + 10 = 49. A5: 2026-03-01 -> 2026-04-20 = 30 + 20 = 50.
    expectRows(
      await series('time_to_hire_monthly', ['hires', 'mean_days_to_hire', 'start_event']),
      [
        { month: '03', hires: 1, mean_days_to_hire: 49, start_event: 'application' },
        { month: '04', hires: 1, mean_days_to_hire: 50, start_event: 'application' },
        { month: '05', hires: 0, mean_days_to_hire: null, start_event: 'application' },
        { month: '06', hires: 0, mean_days_to_hire: null, start_event: 'application' },
      ],
    );
  });

  it('M8 time to hire from the first stage when var time_to_hire_start says so', async () => {
    // A5 entered its first stage on 2026-03-03, two days after applying: 48 days. A1 entered
    // on its application day: still 49.
    const rebuilt = await project.build([
      '--select',
      'time_to_hire_monthly',
      '--vars',
      JSON.stringify({
        as_of_date: AS_OF_DATE,
        metrics_start_month: METRICS_START,
        time_to_hire_start: 'first_stage',
      }),
    ]);
    expect(rebuilt.code).toBe(0);
    const rows = await series(
      'time_to_hire_monthly',
      ['mean_days_to_hire', 'start_event'],
      "dimension_type = 'company' and hires > 0",
    );
    expectRows(rows, [
      { month: '03', mean_days_to_hire: 49, start_event: 'first_stage' },
      { month: '04', mean_days_to_hire: 48, start_event: 'first_stage' },
    ]);

    const refused = await project.build([
      '--select',
      'time_to_hire_monthly',
      '--vars',
      JSON.stringify({ as_of_date: AS_OF_DATE, time_to_hire_start: 'first_call' }),
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "var time_to_hire_start must be 'application' or 'first_stage'",
    );
    expect((await project.build(['--select', 'time_to_hire_monthly'])).code).toBe(0);
  });

  it('M9 offer acceptance: one offer per application, by the month it was extended', async () => {
    // A1's first version went out 2026-02-21 (deprecated), the second was accepted: February,
    // 1 of 1. March: A4 declined (they rejected us), A5 accepted: 1 of 2.
    expectRows(
      await series('offer_acceptance_monthly', [
        'offers_extended',
        'offers_accepted',
        'offers_declined',
        'offers_pending',
        'offer_acceptance_rate',
      ]),
      [
        {
          month: '02',
          offers_extended: 1,
          offers_accepted: 1,
          offers_declined: 0,
          offers_pending: 0,
          offer_acceptance_rate: 1,
        },
        {
          month: '03',
          offers_extended: 2,
          offers_accepted: 1,
          offers_declined: 1,
          offers_pending: 0,
          offer_acceptance_rate: 0.5,
        },
        {
          month: '04',
          offers_extended: 0,
          offers_accepted: 0,
          offers_declined: 0,
          offers_pending: 0,
          offer_acceptance_rate: null,
        },
        {
          month: '05',
          offers_extended: 0,
          offers_accepted: 0,
          offers_declined: 0,
          offers_pending: 0,
          offer_acceptance_rate: null,
        },
        {
          month: '06',
          offers_extended: 0,
          offers_accepted: 0,
          offers_declined: 0,
          offers_pending: 0,
          offer_acceptance_rate: null,
        },
      ],
    );
  });

  it('M12 positions filled internally', async () => {
    // R1 went to A1, an outside candidate (March); R3 to A5, an internal applicant (April).
    expectRows(
      await series(
        'internal_fill_monthly',
        ['positions_filled', 'positions_filled_internally', 'internal_fill_rate'],
        "dimension_type = 'company' and positions_filled > 0",
      ),
      [
        { month: '03', positions_filled: 1, positions_filled_internally: 0, internal_fill_rate: 0 },
        { month: '04', positions_filled: 1, positions_filled_internally: 1, internal_fill_rate: 1 },
      ],
    );
  });

  it('M13 stage conversion from stage history, cohorts by entry into the stage', async () => {
    // applied: Jan A1, A2 both reached screen (2/2); Feb A4 moved on, A3 still in review
    //   (1/2; 1/1 of those decided); Mar A5 (1/1); Apr A6 rejected (0/1).
    // screen: Jan A1 on, A2 rejected (1/2); Feb A4 on (1/1).
    // interview: Feb A1, A4 (2/2; A5 skipped screen and entered interview in March: 1/1).
    // offer: Feb A1 hired (1/1); Mar A5 hired, A4 declined (1/2).
    const rows = await rowsOf(
      project,
      `select stage, strftime(period_month, '%m') as month, entered::int as entered,
         advanced::int as advanced, rejected_in_stage::int as rejected,
         withdrawn_in_stage::int as withdrawn, still_in_stage::int as still,
         conversion_rate, conversion_rate_decided
       from gold.stage_conversion_monthly
       where dimension_type = 'company' and entered > 0 order by stage_order, period_month`,
    );
    expectRows(rows, [
      {
        stage: 'applied',
        month: '01',
        entered: 2,
        advanced: 2,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'applied',
        month: '02',
        entered: 2,
        advanced: 1,
        rejected: 0,
        withdrawn: 0,
        still: 1,
        conversion_rate: 0.5,
        conversion_rate_decided: 1,
      },
      {
        stage: 'applied',
        month: '03',
        entered: 1,
        advanced: 1,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'applied',
        month: '04',
        entered: 1,
        advanced: 0,
        rejected: 1,
        withdrawn: 0,
        still: 0,
        conversion_rate: 0,
        conversion_rate_decided: 0,
      },
      {
        stage: 'screen',
        month: '01',
        entered: 2,
        advanced: 1,
        rejected: 1,
        withdrawn: 0,
        still: 0,
        conversion_rate: 0.5,
        conversion_rate_decided: 0.5,
      },
      {
        stage: 'screen',
        month: '02',
        entered: 1,
        advanced: 1,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'interview',
        month: '02',
        entered: 2,
        advanced: 2,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'interview',
        month: '03',
        entered: 1,
        advanced: 1,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'offer',
        month: '02',
        entered: 1,
        advanced: 1,
        rejected: 0,
        withdrawn: 0,
        still: 0,
        conversion_rate: 1,
        conversion_rate_decided: 1,
      },
      {
        stage: 'offer',
        month: '03',
        entered: 2,
        advanced: 1,
        rejected: 0,
        withdrawn: 1,
        still: 0,
        conversion_rate: 0.5,
        conversion_rate_decided: 0.5,
      },
    ]);
  });

  it('M14 time in stage, by the month the stage was left', async () => {
    // applied: A1 5 d and A2 8 d (Jan); A4 2 d (Feb); A5 1 d (Mar); A6 rejected 2026-04-05 10:00
    //   after entering 04-02 15:00: 2 d 19 h = 2.7917 d (Apr). A3 is still there.
    // screen: A1 7 d, A2 rejected 02-10 12:00 after 01-30 09:00 = 11.125 d, A4 8 d (all Feb).
    // interview: A1 19 d (Feb); A4 13 d, A5 21 d (Mar).
    // offer: A1 02-20 10:00 -> hired 03-10 14:00 = 18.1667 d and A4 -> withdrew 03-20 16:00 =
    //   15.2083 d (Mar); A5 03-25 09:00 -> 04-20 09:30 = 26.0208 d (Apr).
    const rows = await rowsOf(
      project,
      `select stage, strftime(period_month, '%m') as month, exits::int as exits,
         mean_days_in_stage as mean, median_days_in_stage as median, max_days_in_stage as max
       from gold.time_in_stage_monthly
       where dimension_type = 'company' and exits > 0 order by stage_order, period_month`,
    );
    expectRows(rows, [
      { stage: 'applied', month: '01', exits: 2, mean: 6.5, median: 6.5, max: 8 },
      { stage: 'applied', month: '02', exits: 1, mean: 2, median: 2, max: 2 },
      { stage: 'applied', month: '03', exits: 1, mean: 1, median: 1, max: 1 },
      { stage: 'applied', month: '04', exits: 1, mean: 2.792, median: 2.792, max: 2.792 },
      { stage: 'screen', month: '02', exits: 3, mean: 8.708, median: 8, max: 11.125 },
      { stage: 'interview', month: '02', exits: 1, mean: 19, median: 19, max: 19 },
      { stage: 'interview', month: '03', exits: 2, mean: 17, median: 17, max: 21 },
      { stage: 'offer', month: '03', exits: 2, mean: 16.688, median: 16.688, max: 18.167 },
      { stage: 'offer', month: '04', exits: 1, mean: 26.021, median: 26.021, max: 26.021 },
    ]);
  });

  it('M15 source yield and source of hire', async () => {
    // Company: Jan A1 (hired) A2 -> 1/2; Feb A3 A4 -> 0/2; Mar A5 (hired) -> 1/1; Apr A6 -> 0/1.
    // Hires: A1 in March, A5 in April, each the only hire of its month.
    expectRows(
      await series('source_yield_monthly', [
        'applications',
        'applications_hired',
        'hires',
        'source_yield',
        'share_of_hires',
      ]),
      [
        {
          month: '01',
          applications: 2,
          applications_hired: 1,
          hires: 0,
          source_yield: 0.5,
          share_of_hires: null,
        },
        {
          month: '02',
          applications: 2,
          applications_hired: 0,
          hires: 0,
          source_yield: 0,
          share_of_hires: null,
        },
        {
          month: '03',
          applications: 1,
          applications_hired: 1,
          hires: 1,
          source_yield: 1,
          share_of_hires: 1,
        },
        {
          month: '04',
          applications: 1,
          applications_hired: 0,
          hires: 1,
          source_yield: 0,
          share_of_hires: 1,
        },
        {
          month: '05',
          applications: 0,
          applications_hired: 0,
          hires: 0,
          source_yield: null,
          share_of_hires: null,
        },
        {
          month: '06',
          applications: 0,
          applications_hired: 0,
          hires: 0,
          source_yield: null,
          share_of_hires: null,
        },
      ],
    );
    // Referral: A1 in January (hired in March, all of March's hires), A6 in April.
    expectRows(
      await series(
        'source_yield_monthly',
        ['applications', 'applications_hired', 'hires', 'source_yield', 'share_of_hires'],
        "dimension_type = 'source' and dimension_value = 'Referral' and period_month <= '2026-04-01'",
      ),
      [
        {
          month: '01',
          applications: 1,
          applications_hired: 1,
          hires: 0,
          source_yield: 1,
          share_of_hires: null,
        },
        {
          month: '02',
          applications: 0,
          applications_hired: 0,
          hires: 0,
          source_yield: null,
          share_of_hires: null,
        },
        {
          month: '03',
          applications: 0,
          applications_hired: 0,
          hires: 1,
          source_yield: null,
          share_of_hires: 1,
        },
        {
          month: '04',
          applications: 1,
          applications_hired: 0,
          hires: 0,
          source_yield: 0,
          share_of_hires: 0,
        },
      ],
    );
  });

  it('M16 candidates per hire', async () => {
    // Qualified = reached a screen or later: Jan A1 A2; Feb A4 (not A3); Mar A5 (interview);
    // Apr none (A6 rejected in review). Hires: A1 (Mar), A5 (Apr).
    expectRows(
      await series(
        'candidates_per_hire_monthly',
        [
          'applications',
          'qualified_applications',
          'hires',
          'candidates_per_hire',
          'qualified_candidates_per_hire',
        ],
        "dimension_type = 'company' and period_month <= '2026-04-01'",
      ),
      [
        {
          month: '01',
          applications: 2,
          qualified_applications: 2,
          hires: 0,
          candidates_per_hire: null,
          qualified_candidates_per_hire: null,
        },
        {
          month: '02',
          applications: 2,
          qualified_applications: 1,
          hires: 0,
          candidates_per_hire: null,
          qualified_candidates_per_hire: null,
        },
        {
          month: '03',
          applications: 1,
          qualified_applications: 1,
          hires: 1,
          candidates_per_hire: 1,
          qualified_candidates_per_hire: 1,
        },
        {
          month: '04',
          applications: 1,
          qualified_applications: 0,
          hires: 1,
          candidates_per_hire: 1,
          qualified_candidates_per_hire: 0,
        },
      ],
    );
  });

  it('M21 interview load', async () => {
    // February: A1's three interviews and A4's first; scorecards by users 1, 2, 1, 2.
    // March: A4's second and A5's interview, both scored by user 3; A1 hired after 3
    // interviews with 2 distinct interviewers. April: A5 hired after 1 interview, 1 interviewer.
    expectRows(
      await series(
        'interview_load_monthly',
        [
          'interviews',
          'scorecards',
          'active_interviewers',
          'hires',
          'interviews_per_hire',
          'mean_interviews_per_hired_application',
          'mean_interviewers_per_hired_application',
        ],
        "dimension_type = 'company' and period_month <= '2026-04-01'",
      ),
      [
        {
          month: '02',
          interviews: 4,
          scorecards: 4,
          active_interviewers: 2,
          hires: 0,
          interviews_per_hire: null,
          mean_interviews_per_hired_application: null,
          mean_interviewers_per_hired_application: null,
        },
        {
          month: '03',
          interviews: 2,
          scorecards: 2,
          active_interviewers: 1,
          hires: 1,
          interviews_per_hire: 2,
          mean_interviews_per_hired_application: 3,
          mean_interviewers_per_hired_application: 2,
        },
        {
          month: '04',
          interviews: 0,
          scorecards: 0,
          active_interviewers: 0,
          hires: 1,
          interviews_per_hire: 0,
          mean_interviews_per_hired_application: 1,
          mean_interviewers_per_hired_application: 1,
        },
      ],
    );
  });

  it('open requisitions and hiring velocity', async () => {
    // R1 R2 open 2026-01-05; R3 2026-02-02; R4 2026-03-01. R1 filled 03-10, R3 filled 04-20,
    // R4 cancelled 05-15, R2 open. Ages on the last day: Jan 31 R1 R2 26 d; Feb 28 54, 54, 26;
    // Mar 31 R2 85, R3 57, R4 30; Apr 30 R2 115, R4 60; May 31 R2 146; Jun 30 R2 176.
    expectRows(
      await series('open_requisitions_monthly', [
        'open_start',
        'opened',
        'filled',
        'closed_unfilled',
        'open_end',
        'mean_open_age_days_end',
        'hiring_velocity',
        'fill_rate',
      ]),
      [
        {
          month: '01',
          open_start: 0,
          opened: 2,
          filled: 0,
          closed_unfilled: 0,
          open_end: 2,
          mean_open_age_days_end: 26,
          hiring_velocity: 0,
          fill_rate: 0,
        },
        {
          month: '02',
          open_start: 2,
          opened: 1,
          filled: 0,
          closed_unfilled: 0,
          open_end: 3,
          mean_open_age_days_end: 44.67,
          hiring_velocity: 0,
          fill_rate: 0,
        },
        {
          month: '03',
          open_start: 3,
          opened: 1,
          filled: 1,
          closed_unfilled: 0,
          open_end: 3,
          mean_open_age_days_end: 57.33,
          hiring_velocity: 1,
          fill_rate: 0.25,
        },
        {
          month: '04',
          open_start: 3,
          opened: 0,
          filled: 1,
          closed_unfilled: 0,
          open_end: 2,
          mean_open_age_days_end: 87.5,
          hiring_velocity: 1,
          fill_rate: 1 / 3,
        },
        {
          month: '05',
          open_start: 2,
          opened: 0,
          filled: 0,
          closed_unfilled: 1,
          open_end: 1,
          mean_open_age_days_end: 146,
          hiring_velocity: 0,
          fill_rate: 0,
        },
        {
          month: '06',
          open_start: 1,
          opened: 0,
          filled: 0,
          closed_unfilled: 0,
          open_end: 1,
          mean_open_age_days_end: 176,
          hiring_velocity: 0,
          fill_rate: 0,
        },
      ],
    );
  });
});

describe('row-level tables for the dashboards', () => {
  it('fct_worker_months: one row per employee and month employed, with hire and separation flags', async () => {
    // February: W1 W2 W3 W4 W5 W9 W11 W12 were employed on some day (W2 until the 14th).
    const february = await rowsOf(
      project,
      `select count(*)::int as n from gold.fct_worker_months where month = date '2026-02-01'`,
    );
    expect(february).toEqual([{ n: 8 }]);
    // W2 leaves in February (voluntary, regretted, "Resignation"); W5 is in Platform at the
    // end of March; W10 is rehired in May with under a year of tenure.
    const rows = await rowsOf(
      project,
      `select worker_id, strftime(month, '%m') as month, department, tenure_band, is_hire,
         is_separation, separation_reason, is_voluntary, is_regretted
       from gold.fct_worker_months
       where (worker_id = 'w02' and month = date '2026-02-01')
          or (worker_id = 'w05' and month = date '2026-03-01')
          or (worker_id = 'w10' and month = date '2026-05-01')
       order by worker_id`,
    );
    expect(rows).toEqual([
      {
        worker_id: 'w02',
        month: '02',
        department: 'Platform',
        tenure_band: '1-5 years',
        is_hire: false,
        is_separation: true,
        separation_reason: 'Resignation',
        is_voluntary: true,
        is_regretted: true,
      },
      {
        worker_id: 'w05',
        month: '03',
        department: 'Platform',
        tenure_band: '5-10 years',
        is_hire: false,
        is_separation: false,
        separation_reason: null,
        is_voluntary: false,
        is_regretted: false,
      },
      {
        worker_id: 'w10',
        month: '05',
        department: 'Sales',
        tenure_band: 'under 1 year',
        is_hire: true,
        is_separation: false,
        separation_reason: null,
        is_voluntary: false,
        is_regretted: false,
      },
    ]);
  });

  it('dim_workers: active on the reporting date means in headcount then', async () => {
    // Active on 2026-06-30: W1 W3 W5 W9 W10 W11 W12 (7, the company headcount). W6 is
    // contingent, W8 starts in July and has no position yet. W4 (hired 2025-11-03, gone
    // 2026-04-01) and W7 (2026-04-01 to 2026-05-30) left within a year of their hire.
    const rows = await rowsOf(
      project,
      `select worker_id, department, is_active, separated_within_first_year as left_first_year
       from gold.dim_workers order by worker_id`,
    );
    expect(rows.filter((r) => r.is_active).map((r) => r.worker_id)).toEqual([
      'w01',
      'w03',
      'w05',
      'w09',
      'w10',
      'w11',
      'w12',
    ]);
    expect(rows.find((r) => r.worker_id === 'w08')).toMatchObject({
      department: '(none)',
      is_active: false,
    });
    expect(rows.filter((r) => r.left_first_year).map((r) => r.worker_id)).toEqual(['w04', 'w07']);
  });

  it('fct_requisitions, fct_applications and fct_application_stages', async () => {
    expect(
      await rowsOf(
        project,
        'select requisition_id::int as id, status, days_to_fill::int as days from gold.fct_requisitions order by 1',
      ),
    ).toEqual([
      { id: 201, status: 'filled', days: 64 },
      { id: 202, status: 'open', days: null },
      { id: 203, status: 'filled', days: 77 },
      { id: 204, status: 'closed', days: null },
    ]);
    // A1: offer extended (two versions) and accepted; A4: extended, declined; A5: accepted.
    expect(
      await rowsOf(
        project,
        `select application_id::int as id, offer_extended as ext, offer_accepted as acc,
        days_to_hire::int as days from gold.fct_applications order by 1`,
      ),
    ).toEqual([
      { id: 301, ext: true, acc: true, days: 49 },
      { id: 302, ext: false, acc: false, days: null },
      { id: 303, ext: false, acc: false, days: null },
      { id: 304, ext: true, acc: false, days: null },
      { id: 305, ext: true, acc: true, days: 50 },
      { id: 306, ext: false, acc: false, days: null },
    ]);
    // Stages reached: A1 5 (with the hire), A2 2, A3 1, A4 4, A5 4 (no screen), A6 1.
    expect(
      await rowsOf(
        project,
        'select application_id::int as id, count(*)::int as n from gold.fct_application_stages group by 1 order by 1',
      ),
    ).toEqual([
      { id: 301, n: 5 },
      { id: 302, n: 2 },
      { id: 303, n: 1 },
      { id: 304, n: 4 },
      { id: 305, n: 4 },
      { id: 306, n: 1 },
    ]);
  });
});

describe('diversity tables on a company this small', () => {
  it('hide every gender count of the reporting month and keep the population', async () => {
    // Jun 30: women W1 W3 W10 = 3, men W5 W9 W11 W12 = 4, nobody unknown (W7 left in May).
    // Both are under 5, so both are hidden everywhere; the unknown count (0) stays shown.
    const rows = await rowsOf(
      project,
      `select group_value, workers, is_suppressed, population::int as population
       from gold.representation_monthly
       where period_month = date '2026-06-01' and attribute = 'gender' and dimension_type = 'company'
       order by group_value`,
    );
    expect(rows).toEqual([
      { group_value: 'female', workers: null, is_suppressed: true, population: 7 },
      { group_value: 'male', workers: null, is_suppressed: true, population: 7 },
      { group_value: 'unknown', workers: '0', is_suppressed: false, population: 7 },
    ]);
  });
});

describe('detectors on the hand-built company', () => {
  it('list the second candidate record of the person behind A2 and A6', async () => {
    const rows = await rowsOf(
      project,
      'select person_id, left_record_key, right_record_key, match_method from gold.duplicate_identities',
    );
    expect(rows).toEqual([
      {
        person_id: 'pc2',
        left_record_key: 'candidate:402',
        right_record_key: 'candidate:406',
        match_method: 'deterministic_email',
      },
    ]);
  });
});
