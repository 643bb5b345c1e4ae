import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { generateCompany } from '../company/generate.js';
import type { World } from '../company/generate.js';
import { startSandbox } from '../index.js';
import type { Sandbox } from '../index.js';
import {
  fetchText,
  greenhouseAccess,
  greenhouseToken,
  harvest,
  harvestAll,
  nextLink,
} from '../testing/clients.js';

let world: World;
let sandbox: Sandbox;
let clock: FakeClock;
let token: string;

beforeAll(async () => {
  world = generateCompany({ seed: 5, employees: 120, candidates: 500, asOf: '2026-06-30' });
  clock = new FakeClock(Date.UTC(2026, 6, 1, 12), false);
  sandbox = await startSandbox({ world, clock, greenhouse: { rateLimit: false } });
  token = await greenhouseAccess(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

describe('Greenhouse token endpoint', () => {
  it('issues a bearer token with an ISO-8601 expires_at one hour out', async () => {
    const reply = await greenhouseToken(sandbox);
    expect(reply.status).toBe(200);
    const body = reply.body as Record<string, unknown>;
    expect(body.token_type).toBe('Bearer');
    expect(typeof body.access_token).toBe('string');
    expect(body.expires_at).toBe(new Date(clock.now() + 3_600_000).toISOString());
    expect(body).not.toHaveProperty('expires_in');
  });

  it('rejects a wrong client secret with the RFC 6749 invalid_client shape', async () => {
    const reply = await greenhouseToken(sandbox, undefined, 'wrong');
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ error: 'invalid_client' });
  });

  it('rejects an unknown sub with invalid_grant', async () => {
    const reply = await greenhouseToken(sandbox, '999');
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses list reads for a sub that is not a Site Admin', async () => {
    const interviewer = world.company.users.find((u) => !u.siteAdmin && u.worker);
    const access = await greenhouseAccess(sandbox, String(interviewer?.id));
    const reply = await harvest(sandbox, '/jobs', access);
    expect(reply.status).toBe(403);
  });

  it('runs the partner flow: authorize, exchange the code, refresh with single-use tokens', async () => {
    const authorize = await fetch(
      `${sandbox.greenhouse.authorizeUrl}?client_id=${sandbox.credentials.GREENHOUSE_CLIENT_ID}&redirect_uri=${encodeURIComponent('https://app.example/cb')}&response_type=code&state=xyz`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('xyz');
    const basic = Buffer.from(
      `${sandbox.credentials.GREENHOUSE_CLIENT_ID}:${sandbox.credentials.GREENHOUSE_CLIENT_SECRET}`,
    ).toString('base64');
    const post = (form: Record<string, string>) =>
      fetchText(sandbox.greenhouse.tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      });
    const exchanged = await post({
      grant_type: 'authorization_code',
      code: location.searchParams.get('code') ?? '',
      redirect_uri: 'https://app.example/cb',
    });
    expect(exchanged.status).toBe(200);
    const refresh = (exchanged.body as { refresh_token: string }).refresh_token;
    const refreshed = await post({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(refreshed.status).toBe(200);
    const reused = await post({ grant_type: 'refresh_token', refresh_token: refresh });
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('keeps a rotated client secret working during its grace period', async () => {
    const rotationClock = new FakeClock(Date.UTC(2026, 6, 1, 12), false);
    const rotating = await startSandbox({ world, clock: rotationClock });
    try {
      const fresh = rotating.rotateGreenhouseSecret();
      expect((await greenhouseToken(rotating, undefined, fresh)).status).toBe(200);
      expect((await greenhouseToken(rotating)).status).toBe(200);
      rotationClock.advance(8 * 24 * 3_600_000);
      expect((await greenhouseToken(rotating)).status).toBe(401);
      expect((await greenhouseToken(rotating, undefined, fresh)).status).toBe(200);
    } finally {
      await rotating.close();
    }
  });

  it('answers 401 once the token has expired', async () => {
    const access = await greenhouseAccess(sandbox);
    clock.advance(3_600_001);
    expect((await harvest(sandbox, '/jobs', access)).status).toBe(401);
    token = await greenhouseAccess(sandbox);
  });
});

describe('Greenhouse list endpoints', () => {
  it('requires a bearer token', async () => {
    const reply = await fetchText(`${sandbox.greenhouse.baseUrl}/candidates`);
    expect(reply.status).toBe(401);
  });

  it('returns a bare JSON array in id-descending order', async () => {
    const reply = await harvest(sandbox, '/candidates?per_page=20', token);
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body)).toBe(true);
    const ids = (reply.body as { id: number }[]).map((row) => row.id);
    expect(ids).toHaveLength(20);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
  });

  it('pages through every visible record with Link cursors and omits Link on the last page', async () => {
    const rows = await harvestAll(sandbox, '/applications?per_page=100', token);
    const visible = world.company.applications.filter((a) => !a.deleted && !a.job.confidential);
    expect(rows).toHaveLength(visible.length);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const last = await harvest(sandbox, `/applications?per_page=${rows.length + 5}`, token);
    expect(nextLink(last.headers)).toBeNull();
  });

  it('rejects a cursor sent with any other parameter', async () => {
    const first = await harvest(sandbox, '/candidates?per_page=5', token);
    const next = nextLink(first.headers);
    expect(next).not.toBeNull();
    const reply = await harvest(sandbox, `${next ?? ''}&per_page=5`, token);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({
      errors: ['When passing a cursor, do not include other query params.'],
    });
  });

  it('caps per_page at 500', async () => {
    const reply = await harvest(sandbox, '/candidates?per_page=600', token);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ errors: [{ per_page: '`600` number is greater than: 500' }] });
    expect((await harvest(sandbox, '/candidates?per_page=500', token)).status).toBe(200);
  });

  it('rejects more than 50 ids', async () => {
    const ids = Array.from({ length: 51 }, (_, i) => i + 1).join(',');
    expect((await harvest(sandbox, `/candidates?ids=${ids}`, token)).status).toBe(422);
  });

  it('filters with pipe syntax, encoded or raw, on both sides of a window', async () => {
    const all = await harvestAll(sandbox, '/applications?per_page=500', token);
    const times = all.map((r) => String(r.updated_at)).sort();
    const from = times[Math.floor(times.length / 2)] ?? '';
    const to = times[Math.floor((times.length * 3) / 4)] ?? '';
    const raw = await harvestAll(
      sandbox,
      `/applications?per_page=500&updated_at=gte|${from}|lte|${to}`,
      token,
    );
    const encoded = await harvestAll(
      sandbox,
      `/applications?per_page=500&updated_at=${encodeURIComponent(`gte|${from}|lte|${to}`)}`,
      token,
    );
    const expected = all.filter((r) => String(r.updated_at) >= from && String(r.updated_at) <= to);
    expect(raw.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(encoded.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });

  it('allows one of created_at and updated_at per request, and names a malformed filter', async () => {
    const both = await harvest(
      sandbox,
      '/candidates?created_at=gte|2026-01-01T00:00:00Z&updated_at=gte|2026-01-01T00:00:00Z',
      token,
    );
    expect(both.status).toBe(422);
    const bad = await harvest(sandbox, '/candidates?updated_at=after|yesterday', token);
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('updated_at');
  });

  it('queries application status active and returns in_process', async () => {
    const rows = await harvestAll(sandbox, '/applications?status=active&per_page=500', token);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['in_process']));
  });

  it('returns stage history for an application, newest visit first', async () => {
    const hired = world.company.applications.find(
      (a) => a.status === 'hired' && !a.job.confidential,
    );
    const reply = await harvest(sandbox, `/application_stages?application_ids=${hired?.id}`, token);
    const rows = reply.body as {
      job_interview_stage_id: number;
      current: boolean;
      exited_at: string | null;
    }[];
    expect(rows.length).toBe(6);
    expect(rows[0]?.current).toBe(true);
    expect(rows[0]?.exited_at).toBeNull();
  });

  it('answers parent-id filters from an index with the same rows and pages as a scan', async () => {
    const all = await harvestAll(sandbox, '/application_stages?per_page=500', token);
    const ids = [...new Set(all.map((r) => Number(r.application_id)))].slice(0, 50);
    const wanted = new Set(ids);
    const paged = await harvestAll(
      sandbox,
      `/application_stages?per_page=7&application_ids=${ids.join(',')}`,
      token,
    );
    expect(paged.map((r) => r.id)).toEqual(
      all.filter((r) => wanted.has(Number(r.application_id))).map((r) => r.id),
    );
  });

  it('hides deleted job posts unless active=false is asked for', async () => {
    const inactive = world.company.jobPosts.filter((p) => !p.active && !p.job.confidential);
    const defaults = await harvestAll(sandbox, '/job_posts?per_page=500', token);
    expect(defaults.every((p) => p.active === true)).toBe(true);
    const deleted = await harvestAll(sandbox, '/job_posts?active=false&per_page=500', token);
    expect(deleted).toHaveLength(inactive.length);
  });

  it('includes the private candidates a Site Admin may see unless private=false', async () => {
    const live = world.company.candidates.filter((c) => !c.deleted);
    const hidden = live.filter((c) => c.privateRecord).length;
    expect(hidden).toBeGreaterThan(0);
    const all = await harvestAll(sandbox, '/candidates?per_page=500', token);
    expect(all).toHaveLength(live.length);
    expect(await harvestAll(sandbox, '/candidates?per_page=500&private=true', token)).toHaveLength(
      live.length,
    );
    const open = await harvestAll(sandbox, '/candidates?per_page=500&private=false', token);
    expect(open).toHaveLength(live.length - hidden);
  });

  it('hides the integration service user unless show_service_accounts=true', async () => {
    const users = await harvestAll(sandbox, '/users?per_page=500', token);
    const all = await harvestAll(sandbox, '/users?per_page=500&show_service_accounts=true', token);
    expect(all.length).toBe(users.length + 1);
    expect(all.find((u) => u.primary_email === '')).toBeDefined();
  });

  it('answers 404 for an unknown resource', async () => {
    expect((await harvest(sandbox, '/widgets', token)).status).toBe(404);
  });
});

describe('Greenhouse rate limiting and scopes', () => {
  it('counts a fixed 30-second window, answers 429 with Retry-After, and resets at the boundary', async () => {
    const limitedClock = new FakeClock(Date.UTC(2026, 6, 1, 12, 0, 5), false);
    const limited = await startSandbox({
      world,
      clock: limitedClock,
      greenhouse: { rateLimit: { limit: 3 } },
    });
    try {
      const access = await greenhouseAccess(limited);
      const replies = [];
      for (let i = 0; i < 4; i++) replies.push(await harvest(limited, '/sources', access));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      expect(replies[0]?.headers.get('x-ratelimit-limit')).toBe('3');
      expect(replies[2]?.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(replies[3]?.headers.get('retry-after')).toBe('25');
      expect(replies[3]?.headers.get('x-ratelimit-reset')).toBe(
        String(Date.UTC(2026, 6, 1, 12, 0, 30) / 1000),
      );
      limitedClock.advance(25_000);
      expect((await harvest(limited, '/sources', access)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('answers 403 on an endpoint whose scope the credential lacks', async () => {
    const scoped = await startSandbox({
      world,
      clock,
      greenhouse: { scopes: ['harvest:jobs:list'] },
    });
    try {
      const access = await greenhouseAccess(scoped);
      expect((await harvest(scoped, '/jobs', access)).status).toBe(200);
      expect((await harvest(scoped, '/candidates', access)).status).toBe(403);
    } finally {
      await scoped.close();
    }
  });
});
