/** `hrflow sync` in-process over real HTTP against a loopback API. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { startLoopback } from '../testing/loopback-server.js';
import type { Loopback } from '../testing/loopback-server.js';

let dir: string;
let api: Loopback;
let badSecret = false;
/** Ids the loopback API no longer returns; and every query string it was sent. */
let deletedIds = new Set<number>();
let queries: string[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-cli-'));
  api = await startLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      const ok = !badSecret;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify(
          ok ? { access_token: 'tok-123456789', expires_in: 3600 } : { error: 'invalid_client' },
        ),
      );
      return;
    }
    queries.push(url.search);
    const ids = url.searchParams.get('ids');
    if (ids !== null) {
      res.writeHead(200, { 'content-type': 'application/json' });
      const wanted = ids.split(',').map(Number);
      res.end(
        JSON.stringify(wanted.filter((id) => id <= 6 && !deletedIds.has(id)).map((id) => ({ id }))),
      );
      return;
    }
    const page = Number(url.searchParams.get('cursor') ?? 0);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (page < 2) {
      headers.link = `<http://127.0.0.1:${new URL(api.url).port}/v1/items?cursor=${page + 1}>; rel="next"`;
    }
    res.writeHead(200, headers);
    res.end(JSON.stringify([{ id: page * 2 + 1 }, { id: page * 2 + 2 }]));
  });
  mkdirSync(join(dir, 'sources'));
  writeFileSync(
    join(dir, 'sources', 'fake.yaml'),
    stringify({
      name: 'fake',
      parameters: {
        base_url: { default: 'https://api.example.test/v1' },
        token_url: { default: 'https://auth.example.test/token' },
      },
      base_url: '{base_url}',
      auth: {
        kind: 'oauth2_client_credentials',
        token_url: '{token_url}',
        client_id_env: 'FAKE_ID',
        client_secret_env: 'FAKE_SECRET',
      },
      streams: {
        items: {
          path: '/items',
          primary_key: ['id'],
          pagination: { kind: 'link_header' },
          lookup: { by: { items: 'ids' } },
        },
      },
    }),
  );
  writeFileSync(
    join(dir, 'hrflow.config.yaml'),
    stringify({
      name: 'test',
      catalog: 'hr_dev',
      default_target: 'dev',
      targets: {
        dev: {
          adapter: 'duckdb',
          path: 'target/dev.duckdb',
          sources: { fake: { base_url: `${api.url}/v1`, token_url: `${api.url}/token` } },
        },
      },
    }),
  );
});

afterEach(async () => {
  badSecret = false;
  deletedIds = new Set();
  queries = [];
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args, '--project-dir', dir], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: dir,
    env: { FAKE_ID: 'fake-client', FAKE_SECRET: 'fake-secret-987654' },
  });
  return { code, stderr };
}

describe('hrflow sync', () => {
  it('syncs the selected stream into the target warehouse and prints a summary', async () => {
    const { code, stderr } = await run(['sync', 'fake.items']);
    expect(stderr).toContain('OK   fake.items');
    expect(code).toBe(0);
    const warehouse = await Warehouse.open({
      path: join(dir, 'target/dev.duckdb'),
      catalog: 'hr_dev',
    });
    try {
      expect(
        await warehouse.withSession((s) => s.query('SELECT count(*) AS n FROM bronze.fake_items')),
      ).toEqual([{ n: '6' }]);
    } finally {
      await warehouse.close();
    }
  });

  it('exits 1 with the token endpoint error and the variables to check, without the secret', async () => {
    badSecret = true;
    const { code, stderr } = await run(['sync']);
    expect(code).toBe(1);
    expect(stderr).toContain('invalid_client');
    expect(stderr).toContain('FAKE_ID, FAKE_SECRET');
    expect(stderr).not.toContain('fake-secret-987654');
  });

  it('reads only the records --ids names, and tombstones those the API no longer returns', async () => {
    expect((await run(['sync', 'fake.items'])).code).toBe(0);
    deletedIds = new Set([5]);
    queries = [];
    const { code, stderr } = await run(['sync', 'fake.items', '--ids', 'fake.items=2,5']);
    expect(code).toBe(0);
    expect(stderr).toContain('OK   fake.items');
    expect(queries).toEqual(['?ids=2%2C5']);
    const warehouse = await Warehouse.open({
      path: join(dir, 'target/dev.duckdb'),
      catalog: 'hr_dev',
    });
    try {
      expect(
        await warehouse.withSession((s) =>
          s.query(
            `SELECT source_id, arg_max(is_deleted, load_seq) AS deleted
             FROM bronze.fake_items GROUP BY source_id HAVING deleted`,
          ),
        ),
      ).toEqual([{ source_id: '5', deleted: true }]);
    } finally {
      await warehouse.close();
    }
  });

  it('exits 2 for --ids that do not name a stream and ids', async () => {
    const { code, stderr } = await run(['sync', '--ids', 'items=1']);
    expect(code).toBe(2);
    expect(stderr).toContain("--ids 'items=1' is not source.stream=id,id");
  });

  it('exits 2 for an unknown selector', async () => {
    const { code, stderr } = await run(['sync', 'nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("no source named 'nope'");
  });
});
