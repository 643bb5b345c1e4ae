/**
 * Jobs end to end: a CLI command handed to the running server with its progress streamed back,
 * schedules that never pile up, Greenhouse webhooks (signature, replay), live updates to open
 * pages, bearer tokens, and `hrflow policy check`.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { CliIo } from '../../cli/context.js';
import { invoke } from '../../engine/invoke.js';
import type { TempProject } from '../../testing/temp-project.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { fixtureProject, PASSWORDS, WEBHOOK_SECRET } from '../testing/fixture-lakehouse.js';
import { getJson, openEvents, signIn } from '../testing/http-client.js';
import type { SignedIn } from '../testing/http-client.js';
import { signBody } from '../webhooks/signature.js';

let project: TempProject;
let server: RunningServer;
let base: string;
let ada: SignedIn;
let privateKey: CryptoKey;

beforeAll(async () => {
  const keys = await generateKeyPair('ES256', { extractable: true });
  privateKey = keys.privateKey;
  const jwk: JWK = { ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  project = await fixtureProject({
    jwks: { keys: [jwk] },
    serveExtra: `  schedules:\n    - { name: nightly, cron: '0 3 * * *', job: build }\n`,
  });
  await invoke({ command: 'build', projectDir: project.root, env: {} });
  server = await startServer({
    projectDir: project.root,
    env: { GH_WEBHOOK_SECRET: WEBHOOK_SECRET },
    startSchedules: false,
  });
  base = server.url;
  ada = await signIn(base, 'ada', PASSWORDS.ada);
});

afterAll(async () => {
  await server?.close();
  project?.remove();
});

function cli(): { io: CliIo; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      isTTY: false,
      cwd: project.root,
      env: {},
    },
    out: () => out,
    err: () => err,
  };
}

describe('CLI handoff', () => {
  it('runs `hrflow build` on the server that holds the warehouse and prints its progress', async () => {
    const { io, err } = cli();
    const code = await main(['node', 'hrflow', 'build', '--project-dir', project.root], io);
    expect(err()).not.toMatch(/lock|in use by another process/i);
    expect(code).toBe(0);
    expect(err()).toMatch(/holds the warehouse; running this there/);
    expect(err()).toMatch(/Running build on \d+ node\(s\)/);
    expect(err()).toMatch(/OK seed workers/);
    expect(err()).toMatch(/Done\. PASS=\S+ WARN=0 ERROR=0 SKIP=0 TOTAL=\d+/);
    const jobs = await server.warehouse.withSession((s) =>
      s.query<{ trigger: string; status: string }>(
        `SELECT trigger, status FROM hrflow.jobs WHERE kind = 'build' ORDER BY queued_at`,
      ),
    );
    expect(jobs).toContainEqual({ trigger: 'cli', status: 'success' });
  });

  it('reports a failing selection the way a direct run does', async () => {
    const { io, err } = cli();
    const code = await main(
      ['node', 'hrflow', 'run', '--project-dir', project.root, '--select', 'tag:'],
      io,
    );
    expect(code).toBe(2);
    expect(err()).toMatch(/\[selector-invalid\]/);
  });
});

describe('scheduler', () => {
  it('skips a tick while the previous job of the schedule has not finished', async () => {
    const first = server.scheduler.tick('nightly');
    expect(first).toBeDefined();
    expect(server.scheduler.tick('nightly')).toBeUndefined();
    if (first) await server.jobSettled(first);
    expect(first?.status).toBe('success');
    const second = server.scheduler.tick('nightly');
    expect(second).toBeDefined();
    if (second) await server.jobSettled(second);
  });
});

describe('live updates', () => {
  it('tell every reader that data changed after a build, and only admins about jobs', async () => {
    const hana = await signIn(base, 'hana', PASSWORDS.hana);
    const reader = await openEvents(`${base}/api/events`, { cookie: hana.cookie });
    const admin = await openEvents(`${base}/api/events`, { cookie: ada.cookie });
    await reader.next('hello');
    const updated = reader.next('data-updated');
    const job = server.queue.submit(
      { kind: 'build', select: ['dim_workers'], fullRefresh: false, failFast: false },
      'test',
    );
    const message = await updated;
    expect(JSON.parse(message.data)).toMatchObject({ job: job.id, kind: 'build' });
    expect(admin.messages.some((m) => m.event === 'job')).toBe(true);
    expect(reader.messages.some((m) => m.event === 'job')).toBe(false);
    reader.close();
    admin.close();
  });
});

describe('Greenhouse webhooks', () => {
  const body = JSON.stringify({
    action: 'candidate_stage_change',
    payload: { application: { id: 42, candidate: { id: 7 } } },
  });
  const post = (headers: Record<string, string>, text = body) =>
    fetch(`${base}/webhooks/greenhouse`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: text,
    });

  it('refuses a missing or wrong signature', async () => {
    expect((await post({})).status).toBe(401);
    expect((await post({ signature: signBody(body, 'not-the-secret') })).status).toBe(401);
    expect(
      (await post({ signature: signBody(body, WEBHOOK_SECRET).replace(' ', '=') })).status,
    ).toBe(401);
  });

  it('accepts a signed delivery at once and queues a sync of the records it named, then a build', async () => {
    const before = server.queue.list().length;
    const res = await post({
      signature: signBody(body, WEBHOOK_SECRET),
      'greenhouse-event-id': 'ev-1',
    });
    expect(res.status).toBe(200);
    const job = server.queue.list()[0];
    expect(server.queue.list().length).toBe(before + 1);
    expect(job?.trigger).toBe('webhook:greenhouse');
    expect(job?.spec).toMatchObject({
      kind: 'sync+build',
      syncSelect: [
        'greenhouse.application_stages',
        'greenhouse.applications',
        'greenhouse.candidates',
      ],
      syncRecords: { 'greenhouse.applications': ['42'], 'greenhouse.candidates': ['7'] },
      select: [
        'source:greenhouse.application_stages+',
        'source:greenhouse.applications+',
        'source:greenhouse.candidates+',
      ],
    });
    if (job) await server.jobSettled(job);
  });

  it('answers a repeated delivery 200, by event id or by body, and queues nothing for it', async () => {
    const queued = server.queue.list().length;
    const again = await post({
      signature: signBody(body, WEBHOOK_SECRET),
      'greenhouse-event-id': 'ev-1',
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ accepted: false, duplicate: true });
    const sameBodyNewId = await post({
      signature: signBody(body, WEBHOOK_SECRET),
      'greenhouse-event-id': 'ev-2',
    });
    expect(sameBodyNewId.status).toBe(200);
    expect(server.queue.list().length).toBe(queued);
  });
});

describe('bearer tokens', () => {
  const token = (claims: Record<string, unknown>, expires = '5m', audience = 'hrflow') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer('https://idp.example.test')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(privateKey);

  it('read with the groups and attributes the token carries', async () => {
    const jwt = await token({ email: 'hb@example.com', groups: ['hrbp'], bu: ['Sales'] });
    const res = await getJson(base, '/api/datasets/workforce?dims=business_unit', undefined, {
      authorization: `Bearer ${jwt}`,
    });
    expect(res.status).toBe(200);
    const rows = (res.body as { rows: { key: string[] }[] }).rows;
    expect(rows.map((r) => r.key[0])).toEqual(['Sales']);
  });

  it('are refused when expired, for another audience, unsigned or tampered with', async () => {
    const expired = await token({ email: 'a@x', groups: ['admin'] }, '-1m');
    const otherAudience = await token({ email: 'a@x', groups: ['admin'] }, '5m', 'someone-else');
    const good = await token({ email: 'a@x', groups: ['hrbp'], bu: ['Sales'] });
    const [h, p] = good.split('.');
    const escalated = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), groups: ['admin'] })).toString('base64url')}.${good.split('.')[2]}`;
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    for (const jwt of [expired, otherAudience, escalated, unsigned]) {
      const res = await getJson(base, '/api/datasets/workforce', undefined, {
        authorization: `Bearer ${jwt}`,
      });
      expect(res.status).toBe(401);
    }
  });
});

describe('probes, metrics and policy check', () => {
  it('answer health, readiness and metrics', async () => {
    expect((await getJson(base, '/healthz')).status).toBe(200);
    expect((await getJson(base, '/readyz')).status).toBe(200);
    const metrics = (await getJson(base, '/metrics')).text;
    expect(metrics).toMatch(
      /hrflow_http_requests_total\{method="GET",route="\/api\/datasets\/:name",status="200"\} \d+/,
    );
    expect(metrics).toMatch(/hrflow_jobs_total\{kind="build",status="success"\} \d+/);
    expect(metrics).toMatch(
      /hrflow_webhook_deliveries_total\{source="greenhouse",outcome="bad-signature"\} 3/,
    );
  });

  it('prints what an HRBP may see of each table', async () => {
    const { io, out } = cli();
    const code = await main(
      ['node', 'hrflow', 'policy', 'check', '--user', 'hana', '--project-dir', project.root],
      io,
    );
    expect(code).toBe(0);
    expect(out()).toContain('Policy check for hana (groups: hrbp)');
    expect(out()).toMatch(
      /gold\.dim_workers\n {2}rows: {8}business_unit in \('Sales'\) \[hrbp_business_units\]\n {2}masked: {6}.*ssn \(ssn\)/,
    );
    expect(out()).toMatch(/gender \(eeo, breakdowns only\)/);
    expect(out()).toMatch(/hrflow\.runs\n {2}access: {6}refused/);
    expect(out()).toMatch(/suppression: breakdowns hide groups under 5 people/);
  });
});
