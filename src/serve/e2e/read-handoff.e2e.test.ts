/**
 * Commands that read the warehouse while `hrflow serve` holds it: `debug`, `docs generate` and
 * `source freshness` read through the server instead of failing on the file lock, `compile`
 * runs there as a job, and the server's read endpoint runs nothing but queries, for the local
 * CLI only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { invoke } from '../../engine/invoke.js';
import type { TempProject } from '../../testing/temp-project.js';
import { readDiscovery } from '../discovery.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { fixtureProject, PASSWORDS } from '../testing/fixture-lakehouse.js';
import { signIn } from '../testing/http-client.js';

let project: TempProject;
let server: RunningServer;

beforeAll(async () => {
  project = await fixtureProject({ workers: 40, applications: 60 });
  project.write(
    'models/sources.yml',
    `version: 2
sources:
  - name: findings
    schema: gold
    loaded_at_field: detected_at
    freshness:
      warn_after: {count: 1, period: day}
    tables:
      - name: dq_findings
`,
  );
  await invoke({ command: 'build', projectDir: project.root, env: {} });
  server = await startServer({ projectDir: project.root, env: {}, startSchedules: false });
});

afterAll(async () => {
  await server?.close();
  project?.remove();
});

async function hrflow(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'hrflow', ...args, '--project-dir', project.root], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    isTTY: false,
    cwd: project.root,
    env: {},
  });
  return { code, out, err };
}

describe('reading commands while hrflow serve holds the warehouse', () => {
  it('hrflow debug checks the connection through the server', async () => {
    const { code, out, err } = await hrflow('debug');
    expect(err).toMatch(/holds the warehouse; reading through it/);
    expect(out).toMatch(/connection\s+OK \(DuckDB v\d/);
    expect(code).toBe(0);
  });

  it('hrflow docs generate reads the catalog through the server', async () => {
    const { code, err } = await hrflow('docs', 'generate');
    expect(err).toMatch(/reading through it/);
    expect(code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(project.root, 'target/catalog.json'), 'utf8')) as {
      nodes: Record<string, { columns: Record<string, unknown> }>;
    };
    const workers = Object.entries(catalog.nodes).find(([id]) => id.endsWith('.dim_workers'));
    expect(Object.keys(workers?.[1].columns ?? {})).toContain('worker_id');
    expect(existsSync(join(project.root, 'target/docs/index.html'))).toBe(true);
  });

  it('hrflow source freshness checks the sources through the server', async () => {
    const { code, err } = await hrflow('source', 'freshness');
    expect(err).toMatch(/reading through it/);
    expect(err).toMatch(/(PASS|WARN)\s+findings\.dq_findings/);
    expect(code).toBe(0);
    expect(existsSync(join(project.root, 'target/sources.json'))).toBe(true);
  });

  it('hrflow compile runs on the server and prints the one node’s SQL', async () => {
    const { code, out, err } = await hrflow('compile', '--select', 'fct_requisitions');
    expect(err).toMatch(/running this there/);
    expect(out).toMatch(/days_to_fill/);
    expect(code).toBe(0);
  });
});

describe('the server’s read endpoint', () => {
  const read = async (sql: string, headers: Record<string, string>) => {
    const response = await fetch(`${server.url}/api/local/read`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ sql }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('refuses anything that is not a query, before running any of it', async () => {
    const token = readDiscovery(join(project.root, 'target'))?.token ?? '';
    const res = await read('SELECT 1; DELETE FROM gold.dq_findings; SELECT 2', {
      authorization: `Bearer ${token}`,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'usage-invalid' } });
    const [row] = await server.warehouse.withSession((s) =>
      s.query<{ n: number }>('SELECT count(*)::INT AS n FROM gold.dq_findings'),
    );
    expect(row?.n).toBe(40);
    const ok = await read('SELECT 41 + 1 AS answer', { authorization: `Bearer ${token}` });
    expect(ok).toEqual({ status: 200, body: { rows: [{ answer: 42 }] } });
  });

  it('answers the local CLI only, not a signed-in administrator', async () => {
    const ada = await signIn(server.url, 'ada', PASSWORDS.ada);
    const res = await read('SELECT 1 AS one', { cookie: ada.cookie, 'x-csrf-token': ada.csrf });
    expect(res.status).toBe(403);
  });
});
