/**
 * History through the CLI: snapshots that keep SCD2 rows across runs and refuse a non-unique
 * key, incremental models that merge only new rows, and state:modified against a saved manifest.
 */
import { cpSync } from 'node:fs';
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

async function query(root: string, sql: string) {
  const wh = await Warehouse.open({
    path: join(root, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
  });
  try {
    return await wh.withSession((s) => s.query(sql));
  } finally {
    await wh.close();
  }
}

const snapshotYaml = `version: 2
snapshots:
  - name: worker_history
    relation: ref('workers_now')
    config:
      schema: silver
      strategy: timestamp
      unique_key: worker_id
      updated_at: updated_at
      hard_deletes: new_record
`;

describe('history across runs', () => {
  it('keeps SCD2 versions, marks deletions, and refuses a duplicated key naming it', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/workers_now.sql': `select * from (values (1, 'Engineering', timestamp '2026-01-01'), (2, 'Sales', timestamp '2026-01-01')) t(worker_id, department, updated_at)`,
      'snapshots/schema.yml': snapshotYaml,
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    project.write(
      'models/workers_now.sql',
      `select * from (values (1, 'People', timestamp '2026-02-01')) t(worker_id, department, updated_at)`,
    );
    expect((await cli(project.root, 'run')).code).toBe(0);
    const rows = await query(
      project.root,
      `select worker_id, department, dbt_valid_to is null as current, dbt_is_deleted from silver.worker_history order by worker_id, dbt_valid_from`,
    );
    expect(rows).toEqual([
      { worker_id: 1, department: 'Engineering', current: false, dbt_is_deleted: 'False' },
      { worker_id: 1, department: 'People', current: true, dbt_is_deleted: 'False' },
      { worker_id: 2, department: 'Sales', current: false, dbt_is_deleted: 'False' },
      { worker_id: 2, department: 'Sales', current: true, dbt_is_deleted: 'True' },
    ]);

    project.write(
      'models/workers_now.sql',
      `select * from (values (1, 'People', timestamp '2026-03-01'), (1, 'Legal', timestamp '2026-03-01')) t(worker_id, department, updated_at)`,
    );
    const dup = await cli(project.root, 'run');
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('[snapshot-key-not-unique]');
    expect(dup.stderr).toContain('worker_history');
    expect(
      (await query(project.root, 'select count(*)::int as n from silver.worker_history'))[0],
    ).toEqual({ n: 4 });
  });

  it('merges only new rows into an incremental model, and rebuilds with --full-refresh', async () => {
    const model = (rows: string) => `{{ config(materialized='incremental', unique_key='id') }}
select * from (values ${rows}) t(id, amount)
{% if is_incremental() %} where id >= (select max(id) from {{ this }}) {% endif %}`;
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/pay.sql': model('(1, 10), (2, 20)'),
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    project.write('models/pay.sql', model('(1, 99), (2, 21), (3, 30)'));
    expect((await cli(project.root, 'run')).code).toBe(0);
    expect(await query(project.root, 'select id, amount from main.pay order by id')).toEqual([
      { id: 1, amount: 10 },
      { id: 2, amount: 21 },
      { id: 3, amount: 30 },
    ]);
    expect((await cli(project.root, 'run', '--full-refresh')).code).toBe(0);
    expect((await query(project.root, 'select amount from main.pay where id = 1'))[0]).toEqual({
      amount: 99,
    });
  });

  it('selects only what changed since a saved manifest with state:modified', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/a.sql': 'select 1 as id',
      'models/b.sql': "select * from {{ ref('a') }}",
      'models/c.sql': 'select 3 as id',
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    cpSync(join(project.root, 'target'), join(project.root, 'prod-state'), { recursive: true });
    project.write('models/a.sql', 'select 2 as id');
    const listed = await cli(
      project.root,
      'ls',
      '-s',
      'state:modified+',
      '--state',
      'prod-state',
      '--output',
      'name',
    );
    expect(listed.stdout).toBe('a\nb\n');
    const missing = await cli(project.root, 'ls', '-s', 'state:modified', '--state', 'nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[state-not-found]');
  });
});
