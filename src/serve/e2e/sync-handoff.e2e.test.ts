/**
 * `hrflow sync` while the server holds the warehouse: the sync runs on the server (with the
 * server's credentials) against a loopback API, and the terminal shows the connectors' own
 * progress lines and summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../../cli/main.js';
import { startLoopback } from '../../connectors/testing/loopback-server.js';
import type { Loopback } from '../../connectors/testing/loopback-server.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';

let api: Loopback;
let project: TempProject;
let server: RunningServer;

beforeAll(async () => {
  api = await startLoopback((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/token') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'tok-123456789', expires_in: 3600 }));
      return;
    }
    const page = Number(url.searchParams.get('cursor') ?? 0);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (page < 2) headers.link = `<${api.url}/v1/items?cursor=${page + 1}>; rel="next"`;
    res.writeHead(200, headers);
    res.end(JSON.stringify([{ id: page * 2 + 1 }, { id: page * 2 + 2 }]));
  });
  project = tempProject({
    'hrflow.config.yaml': hrflowConfig(
      `    sources:\n      fake: { base_url: "${api.url}/v1", token_url: "${api.url}/token" }\n`,
    ),
    'sources/fake.yaml': stringify({
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
        items: { path: '/items', primary_key: ['id'], pagination: { kind: 'link_header' } },
      },
    }),
  });
  server = await startServer({
    projectDir: project.root,
    env: { FAKE_ID: 'fake-client', FAKE_SECRET: 'fake-secret-987654' },
    startSchedules: false,
  });
});

afterAll(async () => {
  await server?.close();
  await api?.close();
  project?.remove();
});

describe('hrflow sync handed to the server', () => {
  it('lands the stream in the warehouse the server holds and prints the sync summary', async () => {
    let stderr = '';
    const code = await main(
      ['node', 'hrflow', 'sync', 'fake.items', '--project-dir', project.root],
      {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        isTTY: false,
        cwd: project.root,
        env: {},
      },
    );
    expect(stderr).toMatch(/running this there/);
    expect(stderr).toContain('OK   fake.items');
    expect(stderr).not.toContain('fake-secret-987654');
    expect(code).toBe(0);
    const rows = await server.warehouse.withSession((s) =>
      s.query('SELECT count(*)::INT AS n FROM bronze.fake_items'),
    );
    expect(rows).toEqual([{ n: 6 }]);
  });
});
