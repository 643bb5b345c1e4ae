/**
 * The detectors on fixture/detector-scenario.ts, with the flagged rows worked out by hand.
 * Reporting date 2026-06-30, so freshness is judged at 2026-07-01 00:00 UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AS_OF_DATE, METRICS_START, USER_ONE } from './fixture/company-scenario.js';
import { detectorScenario, detectorSyncLog } from './fixture/detector-scenario.js';
import { goldFixtureProject } from './fixture/gold-project.js';
import type { GoldFixtureProject } from './fixture/gold-project.js';
import { rowsOf } from './fixture/query.js';

let project: GoldFixtureProject;

beforeAll(async () => {
  project = await goldFixtureProject({
    silver: detectorScenario(),
    bronze: detectorSyncLog(),
    vars: { as_of_date: AS_OF_DATE, metrics_start_month: METRICS_START },
  });
  const built = await project.build(['--select', '+tag:gold']);
  expect(built.stderr).toContain('Completed successfully');
});

afterAll(() => project?.remove());

describe('interviewer_score_anomalies', () => {
  it('flags the interviewer who rates women far below men, and not the fair one', async () => {
    // User one: women 1,2,1,1,2,1,1,2,1,1,2,1 (mean 16/12), men 3,4,3,3,4,3,4,3,3,4,3,3 (mean
    // 40/12). No interview has a stage visit here, so there is one stratum and the weight is
    // 12 * 12 / 24 = 6. Each group has eight of one value and four of the next: its sum of
    // squares is 8 (1/3)^2 + 4 (2/3)^2 = 24/9, so 48/9 over 24 - 2 = 22 degrees of freedom.
    // Everyone's spread within interviewer: user one 160 - 56^2/24 = 88/3, user two (three 2s,
    // seven 3s, two 4s, twice) 214 - 70^2/24 = 59/6, over 23 + 23 degrees: 0.8514.
    // Moderated with 10 prior degrees: s^2 = (48/9 + 10 * 0.8514) / 32 = 0.4327, s = 0.6578.
    // z = (16/12 - 40/12) / (s / sqrt(6)) = -2 / 0.2686 = -7.45 for women, +7.45 for men (the
    // other side of the same comparison). User two rates both groups alike: z = 0.
    const rows = await rowsOf(
      project,
      `select interviewer_user_id::int as user_id, attribute, group_value as grp,
         group_scorecards::int as n, group_mean_score as mean, other_mean_score as others,
         pooled_sd, z_score, direction
       from gold.interviewer_score_anomalies order by z_score`,
    );
    expect(rows.map((r) => [r.user_id, r.attribute, r.grp, r.n, r.direction])).toEqual([
      [USER_ONE, 'gender', 'female', 12, 'lower'],
      [USER_ONE, 'gender', 'male', 12, 'higher'],
    ]);
    const everyone = (88 / 3 + 59 / 6) / 46;
    const sd = Math.sqrt((48 / 9 + 10 * everyone) / 32);
    const z = (16 / 12 - 40 / 12) / (sd / Math.sqrt(6));
    expect(Number(rows[0]?.mean)).toBeCloseTo(16 / 12, 4);
    expect(Number(rows[0]?.others)).toBeCloseTo(40 / 12, 4);
    expect(Number(rows[0]?.pooled_sd)).toBeCloseTo(sd, 4);
    expect(Number(rows[0]?.z_score)).toBeCloseTo(z, 2);
  });
});

describe('time_to_hire_outliers', () => {
  it('flags the 120-day hire against the median and MAD of its job family and level', async () => {
    // Ten Engineering IC2 hires: 28 29 30 30 31 32 33 34 35 120 days. Median 31.5. Absolute
    // deviations 0.5 0.5 1.5 1.5 1.5 2.5 2.5 3.5 3.5 88.5: MAD 2. The 120-day hire scores
    // 0.6745 * 88.5 / 2 = 29.85; the next largest (35) 0.6745 * 3.5 / 2 = 1.18.
    const rows = await rowsOf(
      project,
      `select days_to_hire::int as days, baseline, group_hires::int as peers,
         baseline_median_days as median, baseline_mad_days as mad, robust_z, direction
       from gold.time_to_hire_outliers`,
    );
    expect(rows).toEqual([
      {
        days: 120,
        baseline: 'job_family_level',
        peers: 10,
        median: 31.5,
        mad: 2,
        robust_z: 29.847,
        direction: 'slow',
      },
    ]);
  });
});

describe('eeoc_completeness_anomalies', () => {
  it('finds the agency that never collects EEO data and the website form outage', async () => {
    // US applications: website 100 (80 with a form outside weeks 6-7, so 64 in all), agency
    // 30 (none), ten Engineering hires from referrals (all with a form).
    // Agency against the other US sources: p = (64 + 10) / 110 = 0.6727; z = (0 - 30p) /
    // sqrt(30 p (1 - p)) = -20.18 / 2.570 = -7.85.
    // Website weeks 6 and 7 (2026-02-09 to 2026-02-22): 0 of 20 against its own 0.64: z =
    // -12.8 / sqrt(20 * 0.64 * 0.36) = -5.96. Its other weeks (0.8) are not low.
    const rows = await rowsOf(
      project,
      `select anomaly_kind as kind, source_name, country_iso2 as country,
         strftime(period_start, '%Y-%m-%d') as start, strftime(period_end, '%Y-%m-%d') as end,
         applications::int as n, applications_with_eeo::int as k, baseline_completeness as p, z_score
       from gold.eeoc_completeness_anomalies order by kind desc`,
    );
    expect(rows.map((r) => [r.kind, r.source_name, r.country, r.start, r.end, r.n, r.k])).toEqual([
      ['source_never_collects', 'Talent Partners LLC', 'US', '2026-01-05', '2026-02-15', 30, 0],
      ['collection_gap', 'Company Website', 'US', '2026-02-09', '2026-02-22', 20, 0],
    ]);
    const p = 74 / 110;
    expect(Number(rows[0]?.p)).toBeCloseTo(p, 5);
    expect(Number(rows[0]?.z_score)).toBeCloseTo((-30 * p) / Math.sqrt(30 * p * (1 - p)), 2);
    expect(Number(rows[1]?.p)).toBeCloseTo(0.64, 5);
    expect(Number(rows[1]?.z_score)).toBeCloseTo(-12.8 / Math.sqrt(20 * 0.64 * 0.36), 2);
  });
});

describe('source_freshness_status', () => {
  it('rates each stream by the age of its last successful call', async () => {
    // Checked at 2026-07-01 00:00. greenhouse.applications 06-30 08:00: 16 h, ok.
    // greenhouse.jobs 06-29 06:00: 42 h > 24, warn. workday.workers last good call 06-29
    // 06:00 (run 6 failed): 42 h, warn (Workday errors after 72 h). workday.organizations
    // 06-27 06:00: 90 h, error. workday.job_profiles never answered: error.
    const rows = await rowsOf(
      project,
      `select source_system || '.' || stream as stream, hours_since_success as hours, freshness_status as status
       from gold.source_freshness_status
       where source_system || '.' || stream in ('greenhouse.applications', 'greenhouse.jobs',
         'workday.workers', 'workday.organizations', 'workday.job_profiles')
       order by 1`,
    );
    expect(rows).toEqual([
      { stream: 'greenhouse.applications', hours: 16, status: 'ok' },
      { stream: 'greenhouse.jobs', hours: 42, status: 'warn' },
      { stream: 'workday.job_profiles', hours: null, status: 'error' },
      { stream: 'workday.organizations', hours: 90, status: 'error' },
      { stream: 'workday.workers', hours: 42, status: 'warn' },
    ]);
  });
});

describe('stream_volume_anomalies', () => {
  it('finds the failed run, the drop in calls and the mass deletion', async () => {
    // greenhouse.users: 5 calls in runs 1-5, 1 in run 6 (baseline median 5): call_volume_drop.
    // workday.workers: run 6 made 11 calls and none succeeded: stream_failed. Runs 3-5 lost one
    // call of ten each (9 against a median of 10) and are not flagged.
    // workday.job_profiles: its only run failed. greenhouse.offices: run 2 landed 5 tombstones
    // for 10 records landed before: mass_deletion.
    const rows = await rowsOf(
      project,
      `select source_system || '.' || stream as stream, run_id, anomaly_kind as kind,
         calls_ok::int as ok, calls_failed::int as failed, rows_deleted::int as deleted
       from gold.stream_volume_anomalies order by 1, 2`,
    );
    expect(rows).toEqual([
      {
        stream: 'greenhouse.offices',
        run_id: 'run-2',
        kind: 'mass_deletion',
        ok: 1,
        failed: 0,
        deleted: 5,
      },
      {
        stream: 'greenhouse.users',
        run_id: 'run-6',
        kind: 'call_volume_drop',
        ok: 1,
        failed: 0,
        deleted: 0,
      },
      {
        stream: 'workday.job_profiles',
        run_id: 'run-6',
        kind: 'stream_failed',
        ok: 0,
        failed: 1,
        deleted: 0,
      },
      {
        stream: 'workday.workers',
        run_id: 'run-6',
        kind: 'stream_failed',
        ok: 0,
        failed: 11,
        deleted: 0,
      },
    ]);
  });
});

describe('dq_findings', () => {
  it('gathers every detector’s findings in one shape for the dashboards', async () => {
    // One duplicate pair (the candidate records behind A2 and A6 of the base company), the
    // 120-day hire, the interviewer's two rows, two EEO findings, the four volume findings,
    // and every stream that is stale: greenhouse.jobs and workday.workers (warn),
    // workday.organizations and workday.job_profiles (error), and the 25 streams that were
    // never called in this log (error).
    const rows = await rowsOf(
      project,
      `select detector, count(*)::int as n, string_agg(distinct severity, ',' order by severity) as severities
       from gold.dq_findings group by detector order by detector`,
    );
    expect(rows).toEqual([
      { detector: 'duplicate_identities', n: 1, severities: 'low' },
      { detector: 'eeoc_completeness_anomalies', n: 2, severities: 'high,medium' },
      { detector: 'interviewer_score_anomalies', n: 2, severities: 'high' },
      { detector: 'source_freshness_status', n: 29, severities: 'high,medium' },
      { detector: 'stream_volume_anomalies', n: 4, severities: 'high,medium' },
      { detector: 'time_to_hire_outliers', n: 1, severities: 'high' },
    ]);
    const outlier = await rowsOf(
      project,
      `select entity, department, job_family, summary from gold.dq_findings where detector = 'time_to_hire_outliers'`,
    );
    expect(outlier).toEqual([
      {
        entity: 'application',
        department: 'Platform',
        job_family: 'Engineering',
        summary:
          'Time to hire 120 days against a median of 31.5 (job_family_level, robust z 29.847)',
      },
    ]);
  });
});
