/**
 * The webhook seam between the sandbox and the server that will receive Greenhouse webhooks: a
 * receiver registered after the sandbox started gets every change, each body's `Signature`
 * verifies over the raw bytes with `GREENHOUSE_WEBHOOK_SECRET` (and a tampered body does not),
 * and the records a webhook names are the ones the next incremental sync lands.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '../../sandbox/index.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { sandboxEnvironment, startTestSandbox, syncFromSandbox } from '../testing/sandbox-sync.js';
import type { TestSandbox } from '../testing/sandbox-sync.js';

interface Received {
  readonly raw: Buffer;
  readonly signature: string;
  readonly eventId: string;
}

/** Greenhouse's scheme: `sha256 <hex HMAC-SHA256 of the raw body>`, compared in constant time. */
function verifies(secret: string, raw: Buffer, header: string): boolean {
  const match = /^sha256 ([0-9a-f]{64})$/.exec(header);
  if (!match?.[1]) return false;
  const expected = createHmac('sha256', secret).update(raw).digest();
  return timingSafeEqual(expected, Buffer.from(match[1], 'hex'));
}

let test: TestSandbox;
let receiver: Server;
let dir: string;
const received: Received[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-webhooks-'));
  test = await startTestSandbox({ seed: 13, employees: 30, candidates: 800 });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        raw: Buffer.concat(chunks),
        signature: String(req.headers.signature),
        eventId: String(req.headers['greenhouse-event-id']),
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const address = receiver.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  test.sandbox.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/greenhouse`);
});

afterAll(async () => {
  await test?.close();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('Greenhouse webhooks from the sandbox', () => {
  it('verify with the shared secret over the raw body, and a tampered body does not', async () => {
    await test.advance(5);
    await test.sandbox.flushWebhooks();
    expect(received.length).toBeGreaterThan(0);
    const secret = sandboxEnvironment(test.sandbox).GREENHOUSE_WEBHOOK_SECRET ?? '';
    for (const delivery of received) {
      expect(verifies(secret, delivery.raw, delivery.signature)).toBe(true);
      expect(delivery.signature).toBe(`sha256 ${signWebhook(secret, delivery.raw.toString())}`);
    }
    const first = received[0] as Received;
    const tampered = Buffer.from(first.raw.toString().replace('"action"', '"action" '));
    expect(verifies(secret, tampered, first.signature)).toBe(false);
    expect(verifies('another-secret', first.raw, first.signature)).toBe(false);
    expect(new Set(received.map((d) => d.eventId)).size).toBe(received.length);
  });

  it('name applications that the next incremental sync lands', async () => {
    const warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
    try {
      await syncFromSandbox(test, warehouse, { select: ['greenhouse.applications'] });
      received.length = 0;
      const advanced = await test.advance(10);
      await test.sandbox.flushWebhooks();
      const summary = await syncFromSandbox(test, warehouse, {
        select: ['greenhouse.applications'],
      });
      const webhooks = received.map(
        (d) => JSON.parse(d.raw.toString()) as { action: string; payload: Record<string, unknown> },
      );
      const deleted = new Set(
        webhooks
          .filter((w) => w.action === 'delete_application')
          .map((w) => String((w.payload.application as { id: number }).id)),
      );
      const named = [
        ...new Set(
          webhooks
            .filter((w) => w.action !== 'delete_application' && 'application' in w.payload)
            .map((w) => String((w.payload.application as { id: number }).id)),
        ),
      ].filter((id) => !deleted.has(id));
      expect(named.length).toBeGreaterThan(0);
      const logged = new Set(
        advanced.log.filter((c) => c.resource === 'application').map((c) => String(c.id)),
      );
      expect(named.filter((id) => !logged.has(id))).toEqual([]);
      const landed = await warehouse.withSession((s) =>
        s.query<{ source_id: string }>(
          'SELECT source_id FROM bronze.greenhouse_applications WHERE run_id = $1',
          [summary.runId],
        ),
      );
      const ids = new Set(landed.map((r) => r.source_id));
      expect(named.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      await warehouse.close();
    }
  });
});
