/**
 * A worker that disappears between the worker listing and its per-worker reads: the sandbox
 * answers 404 for its details and service dates, and the child streams skip it instead of
 * failing. The listing is rewritten on its way in, so the worker the sandbox is asked about
 * is one it has never had.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../core/log.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { createNodeTransport } from '../http/node-transport.js';
import type { Transport } from '../http/http-types.js';
import { startTestSandbox, syncFromSandbox } from '../testing/sandbox-sync.js';
import type { TestSandbox } from '../testing/sandbox-sync.js';

const VANISHED = 'f'.repeat(32);

let test: TestSandbox;
let dir: string;

beforeAll(async () => {
  test = await startTestSandbox();
  dir = mkdtempSync(join(tmpdir(), 'hrflow-gone-'));
});

afterAll(async () => {
  await test.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The real transport, with the first worker of the first listing page renamed. */
function vanishingWorker(): Transport {
  const inner = createNodeTransport();
  let renamed = false;
  return {
    send: async (request, options) => {
      const response = await inner.send(request, options);
      if (renamed || !/\/ccx\/api\/v1\/[^/]+\/workers\?/.test(request.url)) return response;
      const page = JSON.parse(response.body) as { data: { id: string }[] };
      const first = page.data[0];
      if (!first) return response;
      first.id = VANISHED;
      renamed = true;
      return { ...response, body: JSON.stringify(page) };
    },
    close: () => inner.close?.(),
  };
}

describe('a worker gone between the listing and its details', () => {
  it('is skipped by the per-worker streams, which still succeed', async () => {
    const warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
    const logger = memoryLogger();
    const transport = vanishingWorker();
    try {
      const summary = await syncFromSandbox(test, warehouse, {
        transport,
        logger,
        select: ['workday.worker_details', 'workday.worker_service_dates'],
      });
      const byStream = Object.fromEntries(
        summary.streams.map((s) => [s.stream, [s.status, s.parentsGone]]),
      );
      expect(byStream).toEqual({
        'workday.workers': ['success', 0],
        'workday.worker_details': ['success', 1],
        'workday.worker_service_dates': ['success', 1],
      });
      const gone = logger.events.filter((e) => e.code === 'source-parent-gone');
      expect(gone.map((e) => [e.data?.stream, e.data?.id]).sort()).toEqual([
        ['workday.worker_details', VANISHED],
        ['workday.worker_service_dates', VANISHED],
      ]);
      const calls = await warehouse.withSession((s) =>
        s.query<{ http_status: number }>(
          `SELECT http_status FROM bronze._api_calls WHERE endpoint LIKE '%${VANISHED}%'`,
        ),
      );
      expect(calls.map((c) => c.http_status)).toEqual([404, 404]);
    } finally {
      transport.close?.();
      await warehouse.close();
    }
  });
});
