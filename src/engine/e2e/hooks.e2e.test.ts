/**
 * Hooks end to end: model hooks run on the model's own connection around its materialization;
 * project hooks run once per command, and a failing on-run-start skips every node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';

let project: TempProject | undefined;
afterEach(() => project?.remove());

async function cli(root: string, ...args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, stderr };
}

async function rows(root: string, sql: string): Promise<Record<string, unknown>[]> {
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

const CONFIG = hrflowConfig(`on-run-start:
  - "create table if not exists main.audit (event varchar, detail varchar)"
on-run-end:
  - "insert into main.audit select 'end', '{{ schemas | sort | join(',') }} {{ results | length }}'"
models:
  gold:
    +schema: gold
    +materialized: table
    +post-hook: "insert into main.audit select 'built', '{{ this.identifier }} ' || count(*) from {{ this }}"
`);

describe('hooks', () => {
  it('runs pre-hooks on the model’s connection before it builds, post-hooks after', async () => {
    project = tempProject({
      'hrflow.config.yaml': CONFIG,
      // A temporary table lives on one connection only: the model can read it only if its
      // pre-hook ran on the connection that builds it.
      'models/gold/headcount.sql': `{{ config(pre_hook="create or replace temp table marker as select 42 as n") }}
select n from marker`,
      'models/gold/departments.sql': 'select 1 as id union all select 2',
    });
    const result = await cli(project.root, 'run');
    expect(result.stderr).toContain('OK hook on-run-start 1');
    expect(result.code).toBe(0);
    expect(await rows(project.root, 'select n from gold.headcount')).toEqual([{ n: 42 }]);
    expect(await rows(project.root, 'select * from main.audit order by all')).toEqual([
      { event: 'built', detail: 'departments 2' },
      { event: 'built', detail: 'headcount 1' },
      { event: 'end', detail: 'gold 2' },
    ]);
    const runResults = JSON.parse(
      readFileSync(join(project.root, 'target/run_results.json'), 'utf8'),
    ) as { results: { unique_id: string; status: string }[] };
    expect(runResults.results.map((r) => r.unique_id)).toEqual([
      'operation.demo.demo-on-run-start-0',
      'model.demo.departments',
      'model.demo.headcount',
      'operation.demo.demo-on-run-end-0',
    ]);
  });

  it('fails the model whose hook fails, naming the hook', async () => {
    project = tempProject({
      'hrflow.config.yaml': CONFIG,
      'models/gold/headcount.sql': `{{ config(post_hook="insert into no_such_table values (1)") }}
select 1 as n`,
    });
    const result = await cli(project.root, 'run');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/headcount: post-hook 2 failed: .*no_such_table/);
  });

  it('skips every node when an on-run-start hook fails, and still runs on-run-end', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(`on-run-start: "select * from missing_table"
on-run-end: "create table main.ended as select 1 as n"
`),
      'models/a.sql': 'select 1 as n',
    });
    const result = await cli(project.root, 'run');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('ERROR hook on-run-start 1');
    expect(result.stderr).toMatch(/SKIP model a/);
    expect(result.stderr).toContain('Error in on-run-start hook 1');
    expect(await rows(project.root, 'select n from main.ended')).toEqual([{ n: 1 }]);
  });

  it('does not run project hooks on compile', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(`on-run-start: "create table main.started as select 1 as n"
`),
      'models/a.sql': 'select 1 as n',
    });
    expect((await cli(project.root, 'compile')).code).toBe(0);
    expect(
      await rows(
        project.root,
        "select count(*)::int as n from information_schema.tables where table_name = 'started'",
      ),
    ).toEqual([{ n: 0 }]);
  });
});
