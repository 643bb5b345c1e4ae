import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { generateCompany } from '../company/generate.js';
import type { World } from '../company/generate.js';
import { workerStateAt } from '../company/worker-state.js';
import { startSandbox } from '../index.js';
import type { Sandbox } from '../index.js';
import { soap, workday, workdayAccess, workdayToken } from '../testing/clients.js';

let world: World;
let sandbox: Sandbox;
let clock: FakeClock;
let token: string;

interface Page {
  total: number;
  data: Record<string, unknown>[];
}

beforeAll(async () => {
  world = generateCompany({ seed: 9, employees: 150, candidates: 600, asOf: '2026-06-30' });
  clock = new FakeClock(Date.UTC(2026, 6, 1, 12), false);
  sandbox = await startSandbox({ world, clock });
  token = await workdayAccess(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

function activeNow(kind?: 'employee' | 'contingent'): number {
  const company = world.company;
  return company.workers.filter(
    (w) =>
      (kind === undefined || w.kind === kind) &&
      workerStateAt(w, company.time.dayOf(company.now), company.now).status === 'active',
  ).length;
}

describe('Workday token endpoint', () => {
  it('exchanges the refresh token for a bearer token with expires_in', async () => {
    const reply = await workdayToken(sandbox);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
  });

  it('rejects an unknown refresh token with invalid_grant and bad client credentials with invalid_client', async () => {
    const bad = await workdayToken(sandbox, 'not-a-token');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_grant' });
    const client = await fetch(sandbox.workday.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x&client_id=nobody&client_secret=nothing',
    });
    expect(client.status).toBe(401);
  });

  it('rotates refresh tokens when configured, retiring the presented one', async () => {
    const rotating = await startSandbox({ world, clock, workday: { rotateRefreshTokens: true } });
    try {
      const first = await workdayToken(rotating);
      const fresh = (first.body as { refresh_token?: string }).refresh_token;
      expect(fresh).toBeDefined();
      expect((await workdayToken(rotating)).status).toBe(400);
      expect((await workdayToken(rotating, fresh)).status).toBe(200);
    } finally {
      await rotating.close();
    }
  });

  it('answers 401 once the access token expires', async () => {
    const access = await workdayAccess(sandbox);
    clock.advance(3_600_001);
    expect((await workday(`${sandbox.workday.commonUrl}/workers`, access)).status).toBe(401);
    token = await workdayAccess(sandbox);
  });
});

describe('Workday REST', () => {
  it('pages workers as {total, data} with a default limit of 20 and Workday headers', async () => {
    const reply = await workday(`${sandbox.workday.commonUrl}/workers`, token);
    expect(reply.status).toBe(200);
    const page = reply.body as Page;
    expect(page.total).toBe(activeNow());
    expect(page.data).toHaveLength(20);
    expect(reply.headers.get('wd-ratelimit-tokens-remaining')).toMatch(/^\d+$/);
    expect(reply.headers.get('wd-stat-request-id')).toBeTruthy();
  });

  it('caps limit at 100 and walks every worker with offset', async () => {
    const first = (await workday(`${sandbox.workday.staffingUrl}/workers?limit=500`, token))
      .body as Page;
    expect(first.data).toHaveLength(100);
    const seen = new Set<unknown>();
    for (let offset = 0; offset < first.total; offset += 100) {
      const page = (
        await workday(`${sandbox.workday.staffingUrl}/workers?limit=100&offset=${offset}`, token)
      ).body as Page;
      for (const row of page.data) seen.add(row.id);
    }
    expect(seen.size).toBe(first.total);
  });

  it('includes terminated workers only when asked', async () => {
    const current = (await workday(`${sandbox.workday.staffingUrl}/workers`, token)).body as Page;
    const all = (
      await workday(`${sandbox.workday.staffingUrl}/workers?includeTerminatedWorkers=true`, token)
    ).body as Page;
    expect(all.total).toBeGreaterThan(current.total);
  });

  it('marks contingent workers and omits empty values', async () => {
    const company = world.company;
    const contingent = company.workers.find(
      (w) =>
        w.kind === 'contingent' &&
        workerStateAt(w, company.time.dayOf(company.now), company.now).status === 'active',
    );
    const reply = await workday(`${sandbox.workday.staffingUrl}/workers/${contingent?.wid}`, token);
    const body = reply.body as Record<string, unknown>;
    expect(String(body.descriptor)).toMatch(/\[C\]$/);
    expect(body.workerId).toMatch(/^C-/);
    expect(body).toHaveProperty('primaryJob');
    expect(Object.values(body)).not.toContain(null);
  });

  it('serves personal information with EEO fields from person v4', async () => {
    const worker = world.company.workers.find(
      (w) => w.kind === 'employee' && w.person.country.iso2 === 'US',
    );
    const reply = await workday(
      `${sandbox.workday.personUrl}/people/${worker?.personWid}/personalInformation`,
      token,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveProperty('gender');
    expect(reply.body).toHaveProperty('dateOfBirth');
  });

  it('lists supervisory organisations, cost centres, business units and the company', async () => {
    const all = (await workday(`${sandbox.workday.commonUrl}/organizations?limit=100`, token))
      .body as Page;
    const units = (
      await workday(`${sandbox.workday.commonUrl}/organizations?type=Business_Unit`, token)
    ).body as Page;
    expect(units.total).toBe(world.company.businessUnits.length);
    expect(all.total).toBeGreaterThan(world.company.departments.length + units.total);
  });

  it('answers 401 without a token', async () => {
    expect((await fetch(`${sandbox.workday.commonUrl}/workers`)).status).toBe(401);
  });
});

describe('Workday RaaS', () => {
  it('returns a headcount snapshot as of a date with one primary row per active worker', async () => {
    const reply = await workday(
      `${sandbox.workday.raasUrl}/HR_Headcount?format=json&Effective_as_of_Date=2026-06-30`,
      token,
    );
    expect(reply.status).toBe(200);
    const entries = (reply.body as { Report_Entry: Record<string, unknown>[] }).Report_Entry;
    expect(entries.filter((e) => e.Primary_Position === '1')).toHaveLength(activeNow());
    expect(entries.every((e) => e.Active_Status === '1')).toBe(true);
  });

  it('returns terminations in a date range with voluntary and involuntary categories', async () => {
    const reply = await workday(
      `${sandbox.workday.raasUrl}/HR_Terminations?format=json&Start_Date=2020-01-01&End_Date=2026-06-30`,
      token,
    );
    const entries = (reply.body as { Report_Entry: Record<string, unknown>[] }).Report_Entry;
    expect(entries.length).toBeGreaterThan(0);
    const categories = new Set(entries.map((e) => String(e.Primary_Termination_Category)));
    expect([...categories].some((c) => c.endsWith('Voluntary'))).toBe(true);
    expect([...categories].some((c) => c.endsWith('Involuntary'))).toBe(true);
    expect(
      entries.every(
        (e) =>
          String(e.Termination_Date) >= '2020-01-01' && String(e.Termination_Date) <= '2026-06-30',
      ),
    ).toBe(true);
  });

  it('accepts the ISU over HTTP Basic on RaaS only and rejects an unknown report owner', async () => {
    const basic = Buffer.from(
      `${sandbox.credentials.WORKDAY_ISU_USERNAME.split('@')[0]}:${sandbox.credentials.WORKDAY_ISU_PASSWORD}`,
    ).toString('base64');
    const ok = await fetch(`${sandbox.workday.raasUrl}/HR_Hires?format=json`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(ok.status).toBe(200);
    const rest = await fetch(`${sandbox.workday.commonUrl}/workers`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(rest.status).toBe(401);
    const wrong = await workday(
      `${sandbox.workday.baseUrl}/ccx/service/customreport2/${sandbox.workday.tenant}/someone/HR_Hires?format=json`,
      token,
    );
    expect(wrong.status).toBe(404);
  });
});

describe('Workday SOAP Get_Workers', () => {
  const request = (criteria: string, filter = ''): string =>
    `<bsvc:Get_Workers_Request bsvc:version="v44.0"><bsvc:Request_Criteria>${criteria}</bsvc:Request_Criteria><bsvc:Response_Filter>${filter}</bsvc:Response_Filter><bsvc:Response_Group><bsvc:Include_Reference>true</bsvc:Include_Reference><bsvc:Include_Employment_Information>true</bsvc:Include_Employment_Information><bsvc:Include_Transaction_Log_Data>true</bsvc:Include_Transaction_Log_Data></bsvc:Response_Group></bsvc:Get_Workers_Request>`;
  const total = (xml: string): number =>
    Number(/<wd:Total_Results>(\d+)<\/wd:Total_Results>/.exec(xml)?.[1] ?? -1);

  it('selects workers with an event entered in the updated window', async () => {
    const company = world.company;
    const from = company.now - 30 * 86_400;
    const expected = company.workers.filter((w) =>
      w.events.some((e) => e.entered >= from && e.entered <= company.now),
    ).length;
    const reply = await soap(
      sandbox,
      request(
        `<bsvc:Transaction_Log_Criteria_Data><bsvc:Transaction_Date_Range_Data><bsvc:Updated_From>${company.time.iso(from)}</bsvc:Updated_From><bsvc:Updated_Through>${company.time.iso(company.now)}</bsvc:Updated_Through></bsvc:Transaction_Date_Range_Data></bsvc:Transaction_Log_Criteria_Data>`,
        '<bsvc:Count>999</bsvc:Count>',
      ),
    );
    expect(reply.status).toBe(200);
    expect(total(reply.text)).toBe(expected);
    expect(reply.text).toContain('<wd:Transaction_Entry_Moment>');
  });

  it('finds future-dated hires through the effective window', async () => {
    const company = world.company;
    const today = company.time.dayOf(company.now);
    const future = company.workers.filter((w) =>
      w.events.some(
        (e) =>
          (e.type === 'hire' || e.type === 'contract') &&
          e.effective > today &&
          e.effective <= today + 90 &&
          e.entered <= company.now,
      ),
    );
    const reply = await soap(
      sandbox,
      request(
        `<bsvc:Transaction_Log_Criteria_Data><bsvc:Transaction_Date_Range_Data><bsvc:Effective_From>${company.time.date(today + 1)}</bsvc:Effective_From><bsvc:Effective_Through>${company.time.date(today + 90)}</bsvc:Effective_Through></bsvc:Transaction_Date_Range_Data><bsvc:Transaction_Type_References><bsvc:Transaction_Type_Reference><bsvc:ID bsvc:type="Business_Process_Type">Hire</bsvc:ID></bsvc:Transaction_Type_Reference></bsvc:Transaction_Type_References></bsvc:Transaction_Log_Criteria_Data>`,
      ),
    );
    expect(total(reply.text)).toBe(
      future.filter((w) =>
        w.events.some(
          (e) =>
            e.type === 'hire' &&
            e.effective > today &&
            e.effective <= today + 90 &&
            e.entered <= company.now,
        ),
      ).length,
    );
  });

  it('hides changes younger than the indexing lag', async () => {
    const lagged = await startSandbox({
      world,
      clock,
      workday: { indexingLagMinutes: 3 * 24 * 60 },
    });
    try {
      const company = world.company;
      const from = company.now - 30 * 86_400;
      const visible = company.now - 3 * 86_400;
      const expected = company.workers.filter((w) =>
        w.events.some((e) => e.entered >= from && e.entered <= visible),
      ).length;
      const all = company.workers.filter((w) =>
        w.events.some((e) => e.entered >= from && e.entered <= company.now),
      ).length;
      expect(all).toBeGreaterThan(expected);
      const reply = await soap(
        lagged,
        request(
          `<bsvc:Transaction_Log_Criteria_Data><bsvc:Transaction_Date_Range_Data><bsvc:Updated_From>${company.time.iso(from)}</bsvc:Updated_From><bsvc:Updated_Through>${company.time.iso(company.now)}</bsvc:Updated_Through></bsvc:Transaction_Date_Range_Data></bsvc:Transaction_Log_Criteria_Data>`,
          '<bsvc:Count>999</bsvc:Count>',
        ),
      );
      expect(total(reply.text)).toBe(expected);
    } finally {
      await lagged.close();
    }
  });

  it('pages with Page and Count and reports the totals', async () => {
    const reply = await soap(
      sandbox,
      request('', '<bsvc:Page>2</bsvc:Page><bsvc:Count>25</bsvc:Count>'),
    );
    expect(reply.text).toContain('<wd:Page_Results>25</wd:Page_Results>');
    expect(reply.text).toMatch(/<wd:Total_Pages>\d+<\/wd:Total_Pages>/);
    expect(reply.text.split('<wd:Worker>').length - 1).toBe(25);
  });

  it('answers a SOAP fault at HTTP 500 for half a window and for bad credentials', async () => {
    const half = await soap(
      sandbox,
      request(
        '<bsvc:Transaction_Log_Criteria_Data><bsvc:Transaction_Date_Range_Data><bsvc:Updated_From>2026-01-01T00:00:00Z</bsvc:Updated_From></bsvc:Transaction_Date_Range_Data></bsvc:Transaction_Log_Criteria_Data>',
      ),
    );
    expect(half.status).toBe(500);
    expect(half.text).toContain('Client.validationError');
    const denied = await fetch(sandbox.workday.soapUrl, {
      method: 'POST',
      body: '<Envelope><Body><Get_Workers_Request/></Body></Envelope>',
    });
    expect(denied.status).toBe(500);
    expect(await denied.text()).toContain('authenticationError');
  });
});
