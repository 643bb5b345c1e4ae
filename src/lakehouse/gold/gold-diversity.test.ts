/**
 * Representation (M17) and the selection-rate impact ratio (M18) on fixture/diversity-scenario.ts,
 * with suppression worked out by hand (var min_group_size 5).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF_DATE, METRICS_START } from './fixture/company-scenario.js';
import { diversityScenario } from './fixture/diversity-scenario.js';
import { goldFixtureProject } from './fixture/gold-project.js';
import type { GoldFixtureProject } from './fixture/gold-project.js';
import { rowsOf } from './fixture/query.js';

let project: GoldFixtureProject;

beforeAll(async () => {
  project = await goldFixtureProject({
    silver: diversityScenario(),
    vars: { as_of_date: AS_OF_DATE, metrics_start_month: METRICS_START },
  });
  const built = await project.build(['--select', '+tag:gold']);
  expect(built.stderr).toContain('Completed successfully');
});

afterAll(() => project?.remove());

describe('M17 representation', () => {
  it('shows shares of the known population and hides the nonbinary count and its complement', async () => {
    // Platform: 6 women, 6 men, 1 unknown (13). Sales: 5 women, 1 man, 1 nonbinary (7).
    // Company: women 11, men 7, nonbinary 1, unknown 1 (20).
    // The company row has one small group (nonbinary 1); the smallest other non-zero group
    // that is not exempt, men (7), is hidden with it, or men = 20 - 11 - 1 would give it away.
    // Those two columns are then hidden in every department row that has any of them: Platform
    // (men 6, nonbinary 0) and Sales (men 1, nonbinary 1); otherwise the departments' columns
    // would add up to the company's hidden counts.
    // Shares of the known: company women 11/19; Platform 6/12; Sales 5/7.
    const rows = await rowsOf(
      project,
      `select dimension_value as row, group_value as grp, workers::int as workers, is_suppressed,
         population::int as population, known_population::int as known, share_of_known
       from gold.representation_monthly
       where period_month = date '2026-06-01' and attribute = 'gender'
         and dimension_type in ('company', 'department')
       order by dimension_type, dimension_value, group_value`,
    );
    const expected = [
      ['All', 'female', 11, false, 20, 19, 11 / 19],
      ['All', 'male', null, true, 20, 19, null],
      ['All', 'nonbinary', null, true, 20, 19, null],
      ['All', 'unknown', 1, false, 20, 19, null],
      ['Platform', 'female', 6, false, 13, 12, 0.5],
      ['Platform', 'male', null, true, 13, 12, null],
      ['Platform', 'nonbinary', null, true, 13, 12, null],
      ['Platform', 'unknown', 1, false, 13, 12, null],
      ['Sales', 'female', 5, false, 7, 7, 5 / 7],
      ['Sales', 'male', null, true, 7, 7, null],
      ['Sales', 'nonbinary', null, true, 7, 7, null],
      ['Sales', 'unknown', 0, false, 7, 7, null],
    ] as const;
    expect(rows.length).toBe(expected.length);
    expected.forEach(([row, grp, workers, hidden, population, known, share], i) => {
      const got = rows[i] ?? {};
      expect([got.row, got.grp, got.workers, got.is_suppressed, got.population, got.known]).toEqual(
        [row, grp, workers, hidden, population, known],
      );
      if (share === null) expect(got.share_of_known).toBeNull();
      else expect(Number(got.share_of_known)).toBeCloseTo(share, 5);
    });
  });
});

describe('M18 selection-rate impact ratio', () => {
  it('flags women below four fifths of the men’s rate at company level', async () => {
    // Q2 2026 (all applications on 2026-04-10): women 40 + 5 = 45 applicants, 5 hired;
    // men 20 + 5 = 25, 10 hired; unknown 3, none hired.
    // Rates: women 5/45 = 0.1111, men 10/25 = 0.4 (the highest). Impact ratio 0.2778 < 0.8.
    const rows = await rowsOf(
      project,
      `select group_value as grp, applicants::int as applicants, hires::int as hires,
         selection_rate, impact_ratio, is_below_four_fifths as flagged
       from gold.selection_impact_ratio
       where period_grain = 'quarter' and attribute = 'gender' and dimension_type = 'company'
       order by group_value`,
    );
    expect(rows.map((r) => [r.grp, r.applicants, r.hires, r.flagged])).toEqual([
      ['female', 45, 5, true],
      ['male', 25, 10, false],
      ['unknown', 3, 0, null],
    ]);
    expect(Number(rows[0]?.selection_rate)).toBeCloseTo(5 / 45, 5);
    expect(Number(rows[0]?.impact_ratio)).toBeCloseTo(5 / 45 / 0.4, 5);
    expect(Number(rows[1]?.impact_ratio)).toBe(1);
    expect(rows[2]?.selection_rate).toBeNull();
  });

  it('hides the department hire counts that would reveal Sales’s two hires, and their rates', async () => {
    // Hires by department: Platform women 5, men 8; Sales women 0, men 2. Sales's 2 is small.
    // Its row has no other non-zero hire count, so the rectangle takes women as the second
    // column and Platform (the larger row) as the second row: Platform's 5 and 8 are hidden
    // too, or 10 - 8 would give Sales's men away. Applicant counts are all 5 or more and shown;
    // no department rate can be computed.
    const rows = await rowsOf(
      project,
      `select dimension_value as row, group_value as grp, applicants::int as applicants,
         hires_suppressed, selection_rate
       from gold.selection_impact_ratio
       where period_grain = 'quarter' and attribute = 'gender' and dimension_type = 'department'
         and group_value <> 'unknown'
       order by dimension_value, group_value`,
    );
    expect(rows).toEqual([
      {
        row: 'Platform',
        grp: 'female',
        applicants: 40,
        hires_suppressed: true,
        selection_rate: null,
      },
      {
        row: 'Platform',
        grp: 'male',
        applicants: 20,
        hires_suppressed: true,
        selection_rate: null,
      },
      { row: 'Sales', grp: 'female', applicants: 5, hires_suppressed: true, selection_rate: null },
      { row: 'Sales', grp: 'male', applicants: 5, hires_suppressed: true, selection_rate: null },
    ]);
  });

  it('gives the calendar year the same counts as its only quarter', async () => {
    const rows = await rowsOf(
      project,
      `select group_value as grp, applicants::int as applicants, hires::int as hires
       from gold.selection_impact_ratio
       where period_grain = 'year' and period_start = date '2026-01-01' and attribute = 'gender'
         and dimension_type = 'company'
       order by group_value`,
    );
    expect(rows).toEqual([
      { grp: 'female', applicants: 45, hires: 5 },
      { grp: 'male', applicants: 25, hires: 10 },
      { grp: 'unknown', applicants: 3, hires: 0 },
    ]);
  });
});
