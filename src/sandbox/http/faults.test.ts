import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { generateCompany } from '../company/generate.js';
import type { World } from '../company/generate.js';
import { startSandbox } from '../index.js';
import type { Sandbox } from '../index.js';
import {
  fetchText,
  greenhouseAccess,
  harvest,
  workday,
  workdayAccess,
} from '../testing/clients.js';

let world: World;
let sandbox: Sandbox;
let clock: FakeClock;
let token: string;

beforeAll(async () => {
  world = generateCompany({ seed: 3, employees: 80, candidates: 300, asOf: '2026-03-31' });
  clock = new FakeClock(Date.UTC(2026, 11, 1), true);
  sandbox = await startSandbox({ world, clock, greenhouse: { rateLimit: false } });
  token = await greenhouseAccess(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

describe('fault injection', () => {
  it('answers 5xx at the configured rate', async () => {
    sandbox.setFaults({ greenhouse: { serverErrorRate: 1 } });
    const reply = await harvest(sandbox, '/jobs', token);
    expect([500, 502, 503]).toContain(reply.status);
    expect(sandbox.faultStats().greenhouse.serverErrors).toBeGreaterThan(0);
  });

  it('starts 429 storms that last their duration and carry Retry-After', async () => {
    sandbox.setFaults({
      greenhouse: { rateLimitStorm: { probability: 1, durationSeconds: 60, retryAfterSeconds: 7 } },
    });
    const first = await harvest(sandbox, '/jobs', token);
    sandbox.setFaults({ greenhouse: { rateLimitStorm: { probability: 0, durationSeconds: 60 } } });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(sandbox.faultStats().greenhouse.storms).toBeGreaterThan(0);
  });

  it('drops connections', async () => {
    sandbox.setFaults({ greenhouse: { connectionResetRate: 1 } });
    await expect(harvest(sandbox, '/jobs', token)).rejects.toThrow();
    expect(sandbox.faultStats().greenhouse.resets).toBeGreaterThan(0);
  });

  it('cuts bodies off while answering 200', async () => {
    sandbox.setFaults({ greenhouse: { truncatedBodyRate: 1 } });
    const reply = await harvest(sandbox, '/jobs', token);
    expect(reply.status).toBe(200);
    expect(reply.body).toBeUndefined();
    expect(sandbox.faultStats().greenhouse.truncated).toBeGreaterThan(0);
  });

  it('adds latency through the injected clock', async () => {
    const slept = clock.slept;
    sandbox.setFaults({ greenhouse: { latencyMs: 400 } });
    expect((await harvest(sandbox, '/jobs', token)).status).toBe(200);
    expect(clock.slept - slept).toBeGreaterThanOrEqual(200);
    expect(sandbox.faultStats().greenhouse.delayed).toBeGreaterThan(0);
  });

  it('expires tokens mid-sync', async () => {
    sandbox.setFaults({ greenhouse: { tokenExpiryAfterCalls: 2 } });
    const access = await greenhouseAccess(sandbox);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await harvest(sandbox, '/sources', access)).status);
    expect(statuses).toEqual([200, 401, 401]);
    expect(sandbox.faultStats().greenhouse.expiredTokens).toBeGreaterThan(0);
  });

  it('drifts the schema by adding and removing fields', async () => {
    sandbox.setFaults({ greenhouse: { schemaDrift: { addedFieldRate: 1 } } });
    const added = (await harvest(sandbox, '/jobs?per_page=5', token)).body as Record<
      string,
      unknown
    >[];
    expect(added.every((row) => Object.keys(row).some((key) => key.startsWith('x_drift_')))).toBe(
      true,
    );
    sandbox.setFaults({ greenhouse: { schemaDrift: { missingFieldRate: 1 } } });
    const missing = (await harvest(sandbox, '/jobs?per_page=5', token)).body as Record<
      string,
      unknown
    >[];
    expect(missing.every((row) => Object.keys(row).length === 14)).toBe(true);
  });

  it('applies Workday faults separately, with an HTML maintenance page', async () => {
    sandbox.setFaults({ greenhouse: {}, workday: {} });
    const access = await workdayAccess(sandbox);
    sandbox.setFaults({ workday: { serverErrorRate: 1 } });
    let reply = await workday(`${sandbox.workday.commonUrl}/workers`, access);
    for (let i = 0; i < 10 && reply.status !== 503; i++) {
      reply = await workday(`${sandbox.workday.commonUrl}/workers`, access);
    }
    expect(reply.status).toBe(503);
    expect(reply.body).toBeUndefined();
    expect(sandbox.faultStats().workday.serverErrors).toBeGreaterThan(0);
    expect(sandbox.faultStats().greenhouse.serverErrors).toBe(1);
    sandbox.setFaults({ workday: {} });
  });

  it('can be changed over the admin route, which faults never touch', async () => {
    const set = await fetchText(`${sandbox.greenhouse.origin}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ greenhouse: { serverErrorRate: 1 } }),
    });
    expect(set.status).toBe(200);
    expect([500, 502, 503]).toContain((await harvest(sandbox, '/jobs', token)).status);
    await fetchText(`${sandbox.greenhouse.origin}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ greenhouse: {} }),
    });
    expect((await harvest(sandbox, '/jobs', token)).status).toBe(200);
  });
});
