/**
 * The real Greenhouse spec over real HTTP against a loopback Harvest server with faults injected:
 * whatever goes wrong in transit, bronze ends up with exactly what a clean run lands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSourceSpec } from '../spec/load-spec.js';
import type { SourceSpec } from '../spec/source-spec.js';
import { syncSources } from '../sync/sync-sources.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { bronzeDigest } from '../testing/bronze-digest.js';
import { startMiniHarvest } from '../testing/mini-harvest.js';
import type { Faults } from '../testing/mini-harvest.js';

const root = join(import.meta.dirname, '..', '..', '..');
const ENV = { GREENHOUSE_CLIENT_ID: 'bench-client', GREENHOUSE_CLIENT_SECRET: 'bench-secret' };
const STREAMS = [
  'greenhouse.candidates',
  'greenhouse.applications',
  'greenhouse.application_stages',
];
const TABLES = [
  'greenhouse_candidates',
  'greenhouse_applications',
  'greenhouse_application_stages',
];

/** The shipped spec with small pages and short backoff so a test run takes seconds. */
function testGreenhouse(): SourceSpec {
  const spec = loadSourceSpec(join(root, 'sources/greenhouse.yaml'));
  return {
    ...spec,
    retry: {
      max_attempts: 12,
      base_delay: '10ms',
      max_delay: '100ms',
      max_total_delay: '1m',
      timeout: '5s',
    },
    defaults: {
      ...spec.defaults,
      pagination: { kind: 'link_header', page_size_param: 'per_page', page_size: 40 },
    },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-faults-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function syncWith(
  name: string,
  faults: Faults,
): Promise<{
  digests: { rows: number; digest: string }[];
  failures: number;
  unauthorized: number;
}> {
  const api = await startMiniHarvest({
    candidates: 120,
    limit: 400,
    windowMs: 1_000,
    faults,
    seed: 7,
  });
  const warehouse = await Warehouse.open({ path: join(dir, `${name}.duckdb`), catalog: 'hr_test' });
  try {
    const summary = await syncSources({
      warehouse,
      specs: [testGreenhouse()],
      overrides: { greenhouse: { base_url: `${api.url}/v3`, token_url: `${api.url}/token` } },
      env: ENV,
      select: STREAMS,
    });
    const digests = await Promise.all(TABLES.map((t) => bronzeDigest(warehouse, t)));
    return {
      digests,
      failures: summary.failures,
      unauthorized: api.stats.unauthorized,
    };
  } finally {
    await warehouse.close();
    await api.close();
  }
}

describe('faults in transit leave bronze as a clean run leaves it', () => {
  let clean: Awaited<ReturnType<typeof syncWith>>;
  beforeAll(async () => {
    clean = await syncWith('clean', {});
  });

  it('lands everything on a clean run', () => {
    expect(clean.failures).toBe(0);
    expect(clean.digests.map((d) => d.rows)).toEqual([120, 360, 720]);
  });

  it.each<[string, Faults]>([
    ['5xx on 10 % of requests', { serverErrors: 0.1 }],
    ['connection resets', { resets: 0.08 }],
    ['truncated bodies', { truncations: 0.08 }],
    ['429 storms', { stormEvery: 15, stormLength: 2 }],
    ['latency', { latencyMs: 15 }],
    ['token expiry mid-sync', { tokenLifetimeS: 0.2, latencyMs: 20 }],
    [
      'everything at once',
      { serverErrors: 0.05, resets: 0.03, truncations: 0.03, stormEvery: 40, stormLength: 2 },
    ],
  ])('%s', async (name, faults) => {
    const run = await syncWith(name.replace(/\W+/g, '-'), faults);
    expect(run.failures).toBe(0);
    expect(run.digests).toEqual(clean.digests);
    if (faults.tokenLifetimeS !== undefined) expect(run.unauthorized).toBeGreaterThan(0);
  });
});
