import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock.js';
import { generateCompany } from './company/generate.js';
import { signWebhook, startSandbox } from './index.js';
import type { Sandbox } from './index.js';
import { fetchText, greenhouseAccess, harvest, harvestAll } from './testing/clients.js';

const SIZE = { seed: 21, employees: 120, candidates: 500, asOf: '2026-03-31' } as const;

describe('advancing the company', () => {
  let sandbox: Sandbox;
  let token: string;

  beforeAll(async () => {
    sandbox = await startSandbox({
      ...SIZE,
      clock: new FakeClock(Date.UTC(2026, 11, 1), false),
      greenhouse: { rateLimit: false },
    });
    token = await greenhouseAccess(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('adds applications, stage moves and hires that an updated_at window picks up', async () => {
    const before = sandbox.now().toISOString();
    const maxId = Math.max(...sandbox.world.company.applications.map((a) => a.id));
    const result = await sandbox.advance(14);
    expect(result.from).toBe(before);
    expect(Date.parse(result.to) - Date.parse(before)).toBe(14 * 86_400_000);
    expect(result.changes.new_candidate_application ?? 0).toBeGreaterThan(0);
    const changed = await harvestAll(
      sandbox,
      `/applications?per_page=500&updated_at=gt|${before}`,
      token,
    );
    expect(changed.length).toBeGreaterThan(0);
    expect(
      changed.every(
        (row) => String(row.updated_at) > before && String(row.updated_at) <= result.to,
      ),
    ).toBe(true);
    expect(changed.some((row) => Number(row.id) > maxId)).toBe(true);
    const stages = await harvestAll(
      sandbox,
      `/application_stages?per_page=500&updated_at=gt|${before}`,
      token,
    );
    expect(stages.length).toBeGreaterThan(0);
  });

  it('makes deleted candidates disappear from the list', async () => {
    const deleted = () => sandbox.world.company.candidates.filter((c) => c.deleted);
    for (let i = 0; i < 20 && deleted().length === 0; i++) await sandbox.advance(30);
    const gone = deleted()[0];
    expect(gone).toBeDefined();
    const reply = await harvest(sandbox, `/candidates?ids=${gone?.id}`, token);
    expect(reply.body).toEqual([]);
  });

  it('advances through the admin route too', async () => {
    const reply = await fetchText(`${sandbox.greenhouse.origin}/_sandbox/advance`, {
      method: 'POST',
      body: JSON.stringify({ days: 1 }),
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toHaveProperty('changes');
  });
});

describe('workers hired while advancing', () => {
  it('get WIDs no other worker has, after the generator trimmed the headcount', async () => {
    const sandbox = await startSandbox({
      seed: 42,
      employees: 600,
      candidates: 3000,
      asOf: '2026-03-31',
      clock: new FakeClock(Date.UTC(2026, 11, 1), false),
    });
    try {
      const before = sandbox.world.company.workers.length;
      await sandbox.advance(30);
      const workers = sandbox.world.company.workers;
      expect(workers.length).toBeGreaterThan(before);
      expect(new Set(workers.map((w) => w.wid)).size).toBe(workers.length);
    } finally {
      await sandbox.close();
    }
  });
});

describe('ground truth', () => {
  it('links hired candidates to real workers and groups duplicates by person', async () => {
    const world = generateCompany(SIZE);
    const sandbox = await startSandbox({ world });
    const directory = await mkdtemp(join(tmpdir(), 'hrflow-truth-'));
    try {
      const truth = sandbox.groundTruth();
      const company = world.company;
      expect(truth.candidateWorkerLinks.length).toBeGreaterThan(0);
      for (const link of truth.candidateWorkerLinks) {
        const worker = company.workers.find((w) => w.wid === link.workerWid);
        const candidate = company.candidates.find((c) => c.id === link.candidateId);
        expect(worker?.person).toBe(candidate?.person);
      }
      for (const cluster of truth.duplicateCandidates) {
        const people = new Set(
          cluster.candidateIds.map((id) => company.candidates.find((c) => c.id === id)?.person),
        );
        expect(people.size).toBe(1);
      }
      expect(truth.anomalies.biasedInterviewers.length).toBeGreaterThan(0);
      expect(truth.anomalies.missingEeoc.map((m) => m.kind).sort()).toEqual([
        'form-outage',
        'source-never-collects',
      ]);
      const file = join(directory, 'truth.json');
      await sandbox.writeGroundTruth(file);
      expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(truth)));
    } finally {
      await sandbox.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let url: string;
  const received: { body: string; signature: string; eventId: string }[] = [];
  let failFirst = true;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(500).end();
          return;
        }
        received.push({
          body: Buffer.concat(chunks).toString('utf8'),
          signature: String(req.headers.signature),
          eventId: String(req.headers['greenhouse-event-id']),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  it('matches the documented signature test vector', () => {
    const body =
      '{"action":"hire_candidate","payload":{"application":{"id":900101,"candidate":{"id":700101},"jobs":[{"id":400101}],"status":"hired"}}}';
    expect(signWebhook('whsec_test_123', body)).toBe(
      '56cbf6dae2bf465faa268e6e8ad477c4242b16b63c22d0ac58392738617d60fa',
    );
  });

  it('signs every delivery over the raw body and retries until answered 200', async () => {
    const sandbox = await startSandbox({
      ...SIZE,
      clock: new FakeClock(Date.UTC(2026, 11, 1), true),
      greenhouse: { webhookUrl: url, webhookRetryDelaysMs: [10, 10] },
    });
    try {
      await sandbox.advance(5);
      await sandbox.flushWebhooks();
      expect(received.length).toBeGreaterThan(0);
      for (const delivery of received) {
        expect(delivery.signature).toBe(
          `sha256 ${signWebhook(sandbox.credentials.GREENHOUSE_WEBHOOK_SECRET, delivery.body)}`,
        );
        const parsed = JSON.parse(delivery.body) as { action: string; payload: unknown };
        expect(typeof parsed.action).toBe('string');
        expect(parsed.payload).toBeTypeOf('object');
      }
      expect(new Set(received.map((d) => d.eventId)).size).toBe(received.length);
      const first = sandbox.webhookDeliveries()[0];
      expect(first?.statuses).toEqual([500, 200]);
      const actions = new Set(
        received.map((d) => (JSON.parse(d.body) as { action: string }).action),
      );
      expect(actions.has('new_candidate_application')).toBe(true);
    } finally {
      await sandbox.close();
    }
  });
});
