/**
 * Security of the read paths end to end: a real fixture lakehouse built by the engine, a real
 * server on loopback, and requests an HR business partner could craft. Expected numbers come
 * from SQL run on the same warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { invoke } from '../../engine/invoke.js';
import type { TempProject } from '../../testing/temp-project.js';
import { suppressedCells } from '../governance/suppression.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { fixtureProject, PASSWORDS, WEBHOOK_SECRET } from '../testing/fixture-lakehouse.js';
import { getJson, signIn } from '../testing/http-client.js';
import type { SignedIn } from '../testing/http-client.js';

let project: TempProject;
let server: RunningServer;
let base: string;
let ada: SignedIn;
let hana: SignedIn;
let nobu: SignedIn;
const clock = new FakeClock(Date.UTC(2026, 0, 5), false);

interface Agg {
  rows: { key: (string | null)[]; values: Record<string, number | null>; suppressed: boolean }[];
  total: { values: Record<string, number | null>; suppressed: boolean };
  governance: { rowFilters: string[]; masked: string[]; minGroupSize: number };
}
interface Rows {
  rows: Record<string, unknown>[];
  columns: { name: string; masked: boolean }[];
}

const sql = <T extends Record<string, unknown>>(text: string): Promise<T[]> =>
  server.warehouse.withSession((s) => s.query<T>(text));

beforeAll(async () => {
  project = await fixtureProject();
  await invoke({ command: 'build', projectDir: project.root, env: {} });
  server = await startServer({
    projectDir: project.root,
    env: { GH_WEBHOOK_SECRET: WEBHOOK_SECRET },
    clock,
    startSchedules: false,
  });
  base = server.url;
  ada = await signIn(base, 'ada', PASSWORDS.ada);
  hana = await signIn(base, 'hana', PASSWORDS.hana);
  nobu = await signIn(base, 'nobu', PASSWORDS.nobu);
});

afterAll(async () => {
  await server?.close();
  project?.remove();
});

describe('row filters', () => {
  it('give the admin every business unit and the HRBP only Sales, to the worker', async () => {
    const expected = await sql<{ bu: string; n: number }>(
      `SELECT business_unit AS bu, count(DISTINCT worker_id)::INT AS n
       FROM gold.fct_worker_months GROUP BY 1 ORDER BY 1`,
    );
    const admin = (
      await getJson(base, '/api/datasets/workforce?dims=business_unit&measures=headcount', ada)
    ).body as Agg;
    const hrbp = (
      await getJson(base, '/api/datasets/workforce?dims=business_unit&measures=headcount', hana)
    ).body as Agg;
    expect(admin.rows.map((r) => [r.key[0], r.values.headcount])).toEqual(
      expected.map((e) => [e.bu, e.n]),
    );
    expect(hrbp.rows.map((r) => [r.key[0], r.values.headcount])).toEqual(
      expected.filter((e) => e.bu === 'Sales').map((e) => [e.bu, e.n]),
    );
    expect(hrbp.governance.rowFilters).toEqual(['hrbp_business_units']);
  });

  it('cannot be widened by asking for another business unit', async () => {
    const res = await getJson(
      base,
      '/api/datasets/workforce?dims=department&f.business_unit=Engineering&f.business_unit=Sales',
      hana,
    );
    const body = res.body as Agg;
    expect(res.status).toBe(200);
    const salesDepts = ['Field Sales', 'Sales Ops'];
    expect(body.rows.every((r) => salesDepts.includes(String(r.key[0])))).toBe(true);
    const eng = (await getJson(base, '/api/datasets/workforce?f.business_unit=Engineering', hana))
      .body as Agg;
    expect(eng.total.values.headcount ?? 0).toBe(0);
  });

  it('give a business partner without business units nothing at all', async () => {
    const body = (await getJson(base, '/api/datasets/workforce?dims=department', nobu)).body as Agg;
    expect(body.rows).toEqual([]);
    const rows = (await getJson(base, '/api/datasets/roster', nobu)).body as Rows;
    expect(rows.rows).toEqual([]);
  });

  it('refuse tables the filter cannot apply to', async () => {
    const res = await getJson(base, '/api/datasets/runs', hana);
    expect(res.status).toBe(403);
    expect((await getJson(base, '/api/datasets/runs', ada)).status).toBe(200);
  });
});

describe('column masks', () => {
  it('null masked columns in rows, JSON and CSV alike, for the HRBP only', async () => {
    const hr = (await getJson(base, '/api/datasets/roster?limit=500', hana)).body as Rows;
    expect(hr.rows.length).toBeGreaterThan(0);
    for (const row of hr.rows) {
      expect(row).toMatchObject({
        ssn: null,
        email: null,
        full_name: null,
        date_of_birth: null,
        home_address: null,
        gender: null,
      });
      expect(row.business_unit).toBe('Sales');
    }
    const csv = (await getJson(base, '/api/datasets/roster/csv?limit=500', hana)).text;
    expect(csv).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    expect(csv).not.toContain('@example.com');
    expect(csv).not.toContain('Main Street');
    const admin = (await getJson(base, '/api/datasets/roster?limit=1', ada)).body as Rows;
    expect(String(admin.rows[0]?.ssn)).toMatch(/^\d{3}-\d{2}-\d{4}$/);
  });

  it('refuse filters on masked columns and unknown columns', async () => {
    for (const q of ['f.ssn=123-45-6789', 'f.email=person1@example.com', 'f.gender=Woman']) {
      const res = await getJson(base, `/api/datasets/roster?${q}`, hana);
      expect(res.status).toBe(400);
      expect(res.text).not.toContain('example.com');
    }
  });

  it('hide finding evidence from the HRBP, also on drill-down', async () => {
    const list = (await getJson(base, '/api/datasets/dq_findings', hana)).body as Rows;
    const id = String(list.rows[0]?.finding_id);
    const one = (await getJson(base, `/api/datasets/dq_findings?id=${id}`, hana)).body as Rows;
    expect(one.rows[0]?.evidence).toBeNull();
    const admin = (await getJson(base, `/api/datasets/dq_findings?id=${id}`, ada)).body as Rows;
    expect(String(admin.rows[0]?.evidence)).toContain('hired_on');
  });
});

describe('id enumeration', () => {
  it('answers a row outside the filter exactly like a row that does not exist', async () => {
    const [outside] = await sql<{ id: string }>(
      `SELECT worker_id AS id FROM gold.dim_workers WHERE business_unit <> 'Sales' LIMIT 1`,
    );
    const hidden = await getJson(base, `/api/datasets/roster?id=${outside?.id}`, hana);
    const missing = await getJson(base, '/api/datasets/roster?id=W99999', hana);
    expect(hidden.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(hidden.text.replace(outside?.id ?? '', 'X')).toBe(missing.text.replace('W99999', 'X'));
    expect((await getJson(base, `/api/datasets/roster?id=${outside?.id}`, ada)).status).toBe(200);
  });
});

describe('crafted requests', () => {
  it.each([
    'dims=department,(select ssn from gold.dim_workers)',
    'dims=department&measures=headcount;drop table gold.dim_workers',
    "f.department=x' OR '1'='1",
    'f.business_unit=Sales&f.business_unit=Engineering%00',
    'from=2025-01-01;select 1',
    'sql=select * from gold.dim_workers',
    'dims=ssn',
    'order=ssn',
  ])('%s gets no data it should not', async (query) => {
    const res = await getJson(base, `/api/datasets/workforce?${query}`, hana);
    expect([200, 400]).toContain(res.status);
    if (res.status === 200) {
      const body = res.body as Agg;
      expect(body.governance.rowFilters).toEqual(['hrbp_business_units']);
      expect(
        body.rows.every((r) => !['Platform', 'Data', 'Customer Care'].includes(String(r.key[0]))),
      ).toBe(true);
    }
    expect(res.text).not.toMatch(/\d{3}-\d{2}-\d{4}/);
    const tables = await sql<{ n: number }>(
      `SELECT count(*)::INT AS n FROM information_schema.tables WHERE table_name = 'dim_workers'`,
    );
    expect(tables[0]?.n).toBe(1);
  });

  it('refuses unknown datasets and dataset names that try to be paths', async () => {
    expect((await getJson(base, '/api/datasets/gold.dim_workers', hana)).status).toBe(404);
    expect((await getJson(base, '/api/datasets/..%2Fadmin', hana)).status).toBe(404);
  });
});

describe('minimum-group suppression', () => {
  it('hides small groups and their complements from the HRBP, in JSON and CSV', async () => {
    const body = (await getJson(base, '/api/datasets/representation?dims=level,gender', hana))
      .body as Agg;
    const shown = body.rows.filter((r) => !r.suppressed);
    expect(shown.every((r) => (r.values.workers ?? 0) >= 5)).toBe(true);
    expect(body.rows.some((r) => r.suppressed)).toBe(true);
    for (const r of body.rows.filter((x) => x.suppressed)) expect(r.values.workers).toBeNull();
    for (const level of new Set(body.rows.map((r) => r.key[0]))) {
      const hiddenInLevel = body.rows.filter((r) => r.key[0] === level && r.suppressed).length;
      expect(hiddenInLevel).not.toBe(1);
    }
    const csv = (await getJson(base, '/api/datasets/representation/csv?dims=level,gender', hana))
      .text;
    const csvRows = csv.trim().split('\r\n').slice(1);
    expect(csvRows.filter((l) => l.endsWith(',yes'))).toHaveLength(
      body.rows.filter((r) => r.suppressed).length,
    );
    for (const line of csvRows.filter((l) => l.endsWith(',yes'))) expect(line).toMatch(/,,yes$/);
  });

  it('shows the admin every group', async () => {
    const body = (await getJson(base, '/api/datasets/representation?dims=level,gender', ada))
      .body as Agg;
    expect(body.rows.some((r) => r.suppressed)).toBe(false);
    expect(body.rows.some((r) => (r.values.workers ?? 0) < 5)).toBe(true);
  });

  it('leaves hidden groups out of impact ratios', async () => {
    const body = (
      await getJson(
        base,
        '/api/datasets/selection_rates?dims=gender&measures=applicants,hires,selection_rate_pct',
        hana,
      )
    ).body as Agg;
    for (const r of body.rows) {
      if (r.suppressed) expect(r.values.impact_ratio).toBeNull();
      else expect(typeof r.values.impact_ratio).toBe('number');
    }
  });
});

describe('rollup paths', () => {
  it('are built, so the reads below take them', async () => {
    const tables = await sql<{ t: string }>(
      `SELECT table_name AS t FROM duckdb_tables() WHERE schema_name = 'gold'
       AND table_name LIKE 'agg_%' ORDER BY 1`,
    );
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining([
        'agg_applications_monthly',
        'agg_funnel_monthly',
        'agg_funnel_spells',
        'agg_separations_monthly',
        'agg_workforce_monthly',
        'agg_workforce_spells',
      ]),
    );
  });

  it('suppress on the partner’s final cells, exactly as on the base table', async () => {
    const cells = await sql<{ k: string | null; n: number }>(
      `SELECT separation_reason AS k, count(DISTINCT worker_id)::INT AS n
       FROM gold.fct_worker_months
       WHERE is_separation AND business_unit = 'Sales'
         AND month BETWEEN DATE '2025-01-01' AND DATE '2025-12-31'
       GROUP BY 1 ORDER BY 1 NULLS LAST`,
    );
    const hidden = suppressedCells(
      cells.map((c) => ({ key: [c.k], subjects: c.n })),
      5,
    );
    const body = (
      await getJson(
        base,
        '/api/datasets/separations?dims=reason&measures=separations&from=2025-01-01&to=2025-12-31',
        hana,
      )
    ).body as Agg;
    expect(body.rows.map((r) => [r.key[0], r.values.separations, r.suppressed])).toEqual(
      cells.map((c, i) => [c.k, hidden.has(i) ? null : c.n, hidden.has(i)]),
    );
    expect(hidden.size).toBeGreaterThan(0);
  });

  it('cannot be widened when cells and total come from different rollups', async () => {
    const other = (
      await getJson(
        base,
        '/api/datasets/workforce?dims=month&measures=headcount&f.business_unit=Engineering',
        hana,
      )
    ).body as Agg;
    expect({ rows: other.rows.length, total: other.total.values.headcount ?? 0 }).toEqual({
      rows: 0,
      total: 0,
    });
    const [sales] = await sql<{ n: number }>(
      `SELECT count(DISTINCT worker_id)::INT AS n FROM gold.fct_worker_months
       WHERE business_unit = 'Sales' AND month >= DATE '2025-03-01'`,
    );
    const both = (
      await getJson(
        base,
        '/api/datasets/workforce?dims=month&measures=headcount&from=2025-03-01' +
          '&f.business_unit=Sales&f.business_unit=Engineering',
        hana,
      )
    ).body as Agg;
    expect(both.total.values.headcount).toBe(sales?.n);
  });
});

describe('audit log', () => {
  it('records who read what with which filters, refusals included', async () => {
    await getJson(base, '/api/datasets/workforce?dims=office&f.department=Sales%20Ops', hana);
    await getJson(base, '/api/datasets/runs', hana);
    await new Promise((r) => setTimeout(r, 600));
    const rows = await sql<{
      user_name: string;
      dataset: string;
      outcome: string;
      request: string;
    }>(
      `SELECT user_name, dataset, outcome, request::VARCHAR AS request FROM hrflow.audit_log
       WHERE user_name = 'hana' ORDER BY read_at`,
    );
    expect(
      rows.some(
        (r) => r.dataset === 'workforce' && r.outcome === 'ok' && r.request.includes('Sales Ops'),
      ),
    ).toBe(true);
    expect(rows.some((r) => r.dataset === 'runs' && r.outcome === 'policy-denied')).toBe(true);
  });
});

describe('sign-in and sessions', () => {
  it('sets an HTTP-only, Secure, SameSite=Strict cookie with an expiry', async () => {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada', password: PASSWORDS.ada }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Max-Age=3600/);
  });

  it('refuses anonymous readers on every data path', async () => {
    for (const path of [
      '/api/datasets',
      '/api/datasets/workforce',
      '/api/datasets/roster/csv',
      '/api/events',
      '/api/jobs',
      '/api/pages',
    ]) {
      expect((await getJson(base, path)).status).toBe(401);
    }
    expect(
      (
        await getJson(base, '/api/datasets/workforce', undefined, {
          cookie: 'hrflow_session=forged',
        })
      ).status,
    ).toBe(401);
  });

  it('refuses a cross-site sign-in and a state change without the CSRF token', async () => {
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify({ username: 'ada', password: PASSWORDS.ada }),
    });
    expect(login.status).toBe(403);
    const noToken = await fetch(`${base}/api/jobs`, {
      method: 'POST',
      headers: { cookie: ada.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'build', select: ['nothing_matches_this'] }),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await fetch(`${base}/api/jobs`, {
      method: 'POST',
      headers: {
        cookie: ada.cookie,
        'content-type': 'application/json',
        'x-csrf-token': ada.csrf,
        origin: 'https://evil.example',
      },
      body: JSON.stringify({ kind: 'build', select: ['nothing_matches_this'] }),
    });
    expect(crossSite.status).toBe(403);
    const hrbp = await fetch(`${base}/api/jobs`, {
      method: 'POST',
      headers: {
        cookie: hana.cookie,
        'content-type': 'application/json',
        'x-csrf-token': hana.csrf,
      },
      body: JSON.stringify({ kind: 'build' }),
    });
    expect(hrbp.status).toBe(403);
  });

  it('ends sessions after the idle timeout and on sign-out', async () => {
    const short = await signIn(base, 'hana', PASSWORDS.hana);
    expect((await getJson(base, '/api/me', short)).status).toBe(200);
    const out = await fetch(`${base}/auth/logout`, {
      method: 'POST',
      headers: { cookie: short.cookie, 'x-csrf-token': short.csrf },
    });
    expect(out.status).toBe(200);
    expect((await getJson(base, '/api/me', short)).status).toBe(401);

    const idle = await signIn(base, 'hana', PASSWORDS.hana);
    clock.advance(31 * 60_000);
    expect((await getJson(base, '/api/datasets/workforce', idle)).status).toBe(401);
    hana = await signIn(base, 'hana', PASSWORDS.hana);
    ada = await signIn(base, 'ada', PASSWORDS.ada);
  });

  it('limits password guessing, then lets the user in after the window', async () => {
    const attempt = (password: string) =>
      fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobu', password }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    const limited = await attempt(PASSWORDS.nobu);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    clock.advance(15 * 60_000);
    expect((await attempt(PASSWORDS.nobu)).status).toBe(200);
  });
});
