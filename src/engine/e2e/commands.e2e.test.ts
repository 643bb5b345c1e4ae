/**
 * The project commands end to end: init a project, build it, list it, check source freshness,
 * generate docs artifacts and clean up, asserting what each prints and writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

async function cli(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

describe('project commands', () => {
  it('init creates a project that builds and passes its tests', async () => {
    project = tempProject({});
    const init = await cli(project.root, 'init', 'people', '--name', 'people');
    expect(init.code).toBe(0);
    const root = join(project.root, 'people');
    expect(existsSync(join(root, 'hrflow.config.yaml'))).toBe(true);
    const build = await cli(root, 'build');
    expect(build.stderr).toContain('Completed successfully');
    expect(build.code).toBe(0);
    const again = await cli(project.root, 'init', 'people');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('is not empty');
  });

  it('ls prints selected nodes in each output format', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/staging/stg_a.sql': 'select 1 as id',
      'models/marts/b.sql': "{{ config(tags=['daily']) }} select * from {{ ref('stg_a') }}",
    });
    expect((await cli(project.root, 'ls', '--resource-type', 'model')).stdout).toBe(
      'demo.marts.b\ndemo.staging.stg_a\n',
    );
    expect((await cli(project.root, 'ls', '-s', 'tag:daily', '--output', 'path')).stdout).toBe(
      'models/marts/b.sql\n',
    );
    expect((await cli(project.root, 'ls', '-s', '+b', '--output', 'name')).stdout).toBe(
      'b\nstg_a\n',
    );
    const json = JSON.parse(
      (await cli(project.root, 'ls', '-s', 'b', '--output', 'json')).stdout,
    ) as { depends_on: { nodes: string[] } };
    expect(json.depends_on.nodes).toEqual(['model.demo.stg_a']);
    const bad = await cli(project.root, 'ls', '-s', 'tag:');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('[selector-invalid]');
  });

  it('source freshness compares the newest loaded_at_field with the rules and writes sources.json', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/sources.yml': `version: 2
sources:
  - name: hris
    schema: raw
    loaded_at_field: loaded_at
    freshness:
      warn_after: {count: 1, period: hour}
      error_after: {count: 1, period: day}
    tables:
      - name: fresh_rows
      - name: stale_rows
      - name: old_rows
      - name: unchecked
        freshness: null
      - name: never_loaded
`,
      'models/use.sql': "select * from {{ source('hris', 'fresh_rows') }}",
    });
    const wh = await Warehouse.open({
      path: join(project.root, 'target/hr_prod.duckdb'),
      catalog: 'hr_prod',
    });
    await wh.withSession((s) =>
      s.run(`create schema raw;
        create table raw.fresh_rows as select now() as loaded_at;
        create table raw.stale_rows as select now() - interval 3 hour as loaded_at;
        create table raw.old_rows as select now() - interval 3 day as loaded_at;
        create table raw.unchecked as select now() - interval 30 day as loaded_at;`),
    );
    await wh.close();

    const result = await cli(project.root, 'source', 'freshness');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/PASS\s+hris\.fresh_rows/);
    expect(result.stderr).toMatch(/WARN\s+hris\.stale_rows/);
    expect(result.stderr).toMatch(/ERROR\s+hris\.old_rows/);
    expect(result.stderr).toMatch(
      /RUNTIME ERROR\s+hris\.never_loaded\s+"hr_prod"\."raw"\."never_loaded" does not exist: the source has never been loaded/,
    );
    expect(result.stderr).not.toContain('unchecked');
    const sources = JSON.parse(readFileSync(join(project.root, 'target/sources.json'), 'utf8')) as {
      results: { unique_id: string; status: string; criteria: { warn_after: { count: number } } }[];
    };
    expect(Object.fromEntries(sources.results.map((r) => [r.unique_id, r.status]))).toEqual({
      'source.demo.hris.fresh_rows': 'pass',
      'source.demo.hris.stale_rows': 'warn',
      'source.demo.hris.old_rows': 'error',
      'source.demo.hris.never_loaded': 'runtime error',
    });
    const only = await cli(project.root, 'source', 'freshness', '-s', 'source:hris.fresh_rows');
    expect(only.code).toBe(0);
  });

  it('docs generate writes a catalog with column types and row counts; clean removes target/', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/workers.sql':
        "{{ config(materialized='table') }} select 1::integer as worker_id, 'Ada' as name",
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    expect((await cli(project.root, 'docs', 'generate')).code).toBe(0);
    const catalog = JSON.parse(readFileSync(join(project.root, 'target/catalog.json'), 'utf8')) as {
      nodes: Record<
        string,
        {
          metadata: { type: string };
          columns: Record<string, { type: string; index: number }>;
          stats: { row_count?: { value: number } };
        }
      >;
    };
    const node = catalog.nodes['model.demo.workers'];
    expect(node?.metadata.type).toBe('BASE TABLE');
    expect(node?.columns).toMatchObject({
      worker_id: { type: 'INTEGER', index: 1 },
      name: { type: 'VARCHAR', index: 2 },
    });
    expect(node?.stats.row_count?.value).toBe(1);
    expect((await cli(project.root, 'clean')).code).toBe(0);
    expect(existsSync(join(project.root, 'target'))).toBe(false);
  });

  it('debug shows the resolved target and checks the connection', async () => {
    project = tempProject({ 'hrflow.config.yaml': hrflowConfig(), 'models/a.sql': 'select 1' });
    const result = await cli(project.root, 'debug');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('connection     OK (DuckDB v');
    expect(result.stdout).toContain('catalog        hr_prod');
    const wrong = await cli(project.root, 'debug', '--target', 'prod');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("target 'prod' is not defined");
  });
});
