/**
 * The shipped specs against the sandbox over real HTTP: every stream of both sources lands
 * exactly what the simulator serves (same ids, same payloads), agrees with the company's own
 * counts, keeps Workday's effective and entry dates, keeps the PII fields the spec tags, and
 * quarantines nothing on a clean run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/index.js';
import { workerStateAt } from '../../sandbox/company/worker-state.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { canonicalJson } from '../records/canonical-json.js';
import { valueAtPath } from '../records/record-selector.js';
import type { SyncSummary } from '../sync/sync-result.js';
import { SandboxReader } from '../testing/sandbox-served.js';
import {
  latestRows,
  startTestSandbox,
  syncFromSandbox,
  testSpecs,
} from '../testing/sandbox-sync.js';
import type { BronzeLatest, TestSandbox } from '../testing/sandbox-sync.js';

type Row = Record<string, unknown>;

let dir: string;
let test: TestSandbox;
let sandbox: Sandbox;
let warehouse: Warehouse;
let summary: SyncSummary;
let reader: SandboxReader;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-conformance-'));
  test = await startTestSandbox();
  sandbox = test.sandbox;
  warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
  summary = await syncFromSandbox(test, warehouse, {
    overrides: { workday: { soap_incremental: 'true' } },
  });
  reader = new SandboxReader(sandbox);
});

afterAll(async () => {
  await warehouse?.close();
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Bronze's live rows of a stream equal `served`, id for id and payload for payload. */
async function expectLanded(table: string, served: readonly Row[], key: (row: Row) => string) {
  const landed = await latestRows(warehouse, table);
  const live = new Map([...landed].filter(([, row]) => !row.isDeleted));
  const expected = new Map(served.map((row) => [key(row), row]));
  expect(expected.size, `${table}: the sandbox serves duplicate keys`).toBe(served.length);
  expect([...live.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, row] of expected) {
    expect(canonicalJson(live.get(id)?.payload), `${table} ${id}`).toBe(canonicalJson(row));
  }
  return live;
}

const id = (row: Row): string => String(row.id);

describe('every stream of both specs', () => {
  it('succeeds with records in every table and nothing quarantined', async () => {
    const specs = testSpecs();
    const all = specs.flatMap((spec) =>
      Object.keys(spec.streams).map((stream) => `${spec.name}.${stream}`),
    );
    expect(summary.streams.map((s) => s.stream).sort()).toEqual(all.sort());
    for (const stream of summary.streams) {
      expect(stream.status, `${stream.stream}: ${stream.error?.message ?? ''}`).toBe('success');
      expect(stream.inserted, stream.stream).toBeGreaterThan(0);
      expect(stream.quarantined, stream.stream).toBe(0);
    }
    const quarantined = await warehouse.withSession((s) =>
      s.scalar<bigint>('SELECT count(*) FROM bronze._quarantine'),
    );
    expect(Number(quarantined)).toBe(0);
  });
});

describe('Greenhouse streams land what Harvest serves', () => {
  it.each<[string, string]>([
    ['candidates', '/candidates'],
    ['applications', '/applications'],
    ['application_stages', '/application_stages'],
    ['jobs', '/jobs'],
    ['job_posts', '/job_posts'],
    ['job_posts_deleted', '/job_posts?active=false'],
    ['openings', '/openings'],
    ['offers', '/offers'],
    ['scheduled_interviews', '/interviews'],
    ['scorecards', '/scorecards'],
    ['users', '/users?show_service_accounts=true'],
    ['departments', '/departments'],
    ['offices', '/offices'],
    ['sources', '/sources'],
    ['rejection_reasons', '/rejection_reasons?include_defaults=true'],
    ['close_reasons', '/close_reasons'],
    ['job_stages', '/job_interview_stages'],
    ['eeoc', '/eeoc'],
    ['demographic_answers', '/demographic_answers'],
    ['demographic_questions', '/demographic_questions'],
    ['demographic_answer_options', '/demographic_answer_options'],
    ['custom_fields', '/custom_fields'],
    ['custom_field_options', '/custom_field_options'],
  ])('%s (%s)', async (stream, path) => {
    await expectLanded(`greenhouse_${stream}`, await reader.harvest(path), id);
  });

  it('counts every live candidate, private ones included, and every user', async () => {
    const truth = sandbox.groundTruth().summary;
    const candidates = await latestRows(warehouse, 'greenhouse_candidates');
    expect(candidates.size).toBe(truth.candidates);
    expect([...candidates.values()].some((c) => (c.payload as Row).private === true)).toBe(true);
    const users = await latestRows(warehouse, 'greenhouse_users');
    expect(users.size).toBe(truth.users);
    const departments = await latestRows(warehouse, 'greenhouse_departments');
    expect(departments.size).toBe(truth.departments);
  });
});

describe('Workday streams land what Workday serves', () => {
  let workers: Row[];
  let details: Row[];

  beforeAll(async () => {
    workers = await reader.workdayList(
      `${sandbox.workday.commonUrl}/workers?includeTerminatedWorkers=true`,
    );
    details = await Promise.all(
      workers.map((w) => reader.workdayOne(`${sandbox.workday.staffingUrl}/workers/${id(w)}`)),
    );
  });

  it('workers: active and terminated, as many as the company has', async () => {
    await expectLanded('workday_workers', workers, id);
    const truth = sandbox.groundTruth().summary;
    expect(workers).toHaveLength(
      (truth.activeEmployees ?? 0) +
        (truth.activeContingentWorkers ?? 0) +
        (truth.terminatedWorkers ?? 0),
    );
  });

  it('worker_details, worker_service_dates and personal_information: one per worker', async () => {
    await expectLanded('workday_worker_details', details, id);
    const dates = await Promise.all(
      workers.map(async (w) => {
        const page = await reader.workdayOne(
          `${sandbox.workday.staffingUrl}/workers/${id(w)}/serviceDates`,
        );
        return (page.data as Row[]).map((row) => [id(w), row] as const);
      }),
    );
    const byWorker = new Map(dates.flat());
    const landed = await latestRows(warehouse, 'workday_worker_service_dates');
    expect([...landed.keys()].sort()).toEqual([...byWorker.keys()].sort());
    for (const [worker, served] of byWorker) {
      expect(canonicalJson(landed.get(worker)?.payload)).toBe(canonicalJson(served));
    }
    const personal = await Promise.all(
      details.map(async (d) => ({
        worker: id(d),
        info: await reader.workdayOne(
          `${sandbox.workday.personUrl}/people/${String((d.person as Row).id)}/personalInformation`,
        ),
      })),
    );
    const info = await latestRows(warehouse, 'workday_personal_information');
    expect([...info.keys()].sort()).toEqual(personal.map((p) => p.worker).sort());
    for (const p of personal) {
      expect(canonicalJson(info.get(p.worker)?.payload)).toBe(canonicalJson(p.info));
    }
  });

  it('organizations and job_profiles, inactive ones included', async () => {
    await expectLanded(
      'workday_organizations',
      await reader.workdayList(
        `${sandbox.workday.staffingUrl}/supervisoryOrganizations?includeInactive=true`,
      ),
      id,
    );
    await expectLanded(
      'workday_job_profiles',
      await reader.workdayList(`${sandbox.workday.staffingUrl}/jobProfiles?includeInactive=true`),
      id,
    );
    expect((await latestRows(warehouse, 'workday_organizations')).size).toBe(
      sandbox.groundTruth().summary.departments,
    );
  });

  it('headcount_snapshot: one row per position held on the run date', async () => {
    const rows = await latestRows(warehouse, 'workday_headcount_snapshot');
    const runDate = [...rows.values()][0]?.effectiveDate ?? '';
    const served = await reader.report('HR_Headcount', { Effective_as_of_Date: runDate });
    const live = await expectLanded(
      'workday_headcount_snapshot',
      served,
      (r) => `${String(r.Employee_ID)}|${String(r.Position_ID)}`,
    );
    const company = sandbox.world.company;
    const day = company.time.parseDate(runDate) ?? 0;
    const active = company.workers.filter(
      (w) => workerStateAt(w, day, company.now).status === 'active',
    );
    expect(new Set([...live.values()].map((r) => (r.payload as Row).Worker_WID)).size).toBe(
      active.length,
    );
  });

  it('terminations and hires: every report row of their date ranges', async () => {
    const window = summary.streams.find((s) => s.stream === 'workday.terminations')?.window;
    await expectLanded(
      'workday_terminations',
      await reader.report('HR_Terminations', {
        Start_Date: window?.start.slice(0, 10) ?? '',
        End_Date: window?.end.slice(0, 10) ?? '',
      }),
      (r) => `${String(r.Employee_ID)}|${String(r.Termination_Date)}`,
    );
    await expectLanded(
      'workday_hires',
      await reader.report('HR_Hires', { Start_Date: '2000-01-01', End_Date: '2099-12-31' }),
      (r) => `${String(r.Worker_WID)}|${String(r.Hire_Date)}`,
    );
  });

  it('workers_soap: every worker with a transaction entered before the window end', async () => {
    const window = summary.streams.find((s) => s.stream === 'workday.workers_soap')?.window;
    expect(window?.start).toBe('2000-01-01T00:00:00Z');
    const company = sandbox.world.company;
    const end = company.time.parseMoment(window?.end ?? '') ?? 0;
    const expected = company.workers
      .filter((w) => w.events.some((e) => e.entered <= end))
      .map((w) => w.wid);
    const landed = await latestRows(warehouse, 'workday_workers_soap');
    expect([...landed.keys()].sort()).toEqual(expected.sort());
  });
});

describe('Workday rows keep their time axes', () => {
  it.each<[string, (row: BronzeLatest) => [string | null, string | null]]>([
    ['workers', (r) => [r.effectiveDate, r.enteredAt]],
    ['worker_details', (r) => [r.effectiveDate, r.enteredAt]],
    ['personal_information', (r) => [r.effectiveDate, r.enteredAt]],
    ['headcount_snapshot', (r) => [r.effectiveDate, r.enteredAt]],
    ['workers_soap', (r) => [r.effectiveDate, r.enteredAt]],
  ])('%s: an effective date and an entry moment on every row', async (stream, axes) => {
    const rows = await latestRows(warehouse, `workday_${stream}`);
    expect(rows.size).toBeGreaterThan(0);
    for (const row of rows.values()) {
      const [effective, entered] = axes(row);
      expect(effective).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entered).not.toBeNull();
    }
  });

  it('terminations and hires take them from the report: the event date, the entry moment', async () => {
    for (const row of (await latestRows(warehouse, 'workday_terminations')).values()) {
      expect(row.effectiveDate).toBe((row.payload as Row).Termination_Date);
    }
    for (const row of (await latestRows(warehouse, 'workday_hires')).values()) {
      const payload = row.payload as Row;
      expect(row.effectiveDate).toBe(payload.Hire_Date);
      expect(Date.parse(row.enteredAt ?? '')).toBe(Date.parse(String(payload.Entry_Moment)));
    }
  });
});

/**
 * Voluntary self-identification Workday leaves out when it was never collected; the sandbox
 * collects neither, so their tags cannot be checked against it.
 */
const NEVER_COLLECTED = [
  'workday.personal_information: sexualOrientationAndGenderIdentity',
  'workday.personal_information: religion',
];

describe('PII the specs tag', () => {
  it('is kept in the payloads: every tagged field appears in its table', async () => {
    const missing: string[] = [];
    for (const spec of testSpecs()) {
      for (const [name, stream] of Object.entries(spec.streams)) {
        const rows = [...(await latestRows(warehouse, `${spec.name}_${name}`)).values()];
        for (const path of Object.keys(stream.pii ?? {})) {
          const found = rows.some((r) => valueAtPath(r.payload, path.split('.')) !== undefined);
          const field = `${spec.name}.${name}: ${path}`;
          if (!found && !NEVER_COLLECTED.includes(field)) missing.push(field);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
