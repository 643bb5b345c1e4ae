/**
 * End to end: throwaway projects built into a real DuckDB file through the CLI entry point,
 * asserting exit codes, compiled SQL and the rows that land.
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

async function cli(
  root: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, stdout, stderr };
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

const FILES = {
  'hrflow.config.yaml': hrflowConfig(`models:
  staging:
    +schema: bronze
  marts:
    +schema: gold
    +materialized: table
`),
  'seeds/departments.csv': 'department_id,name\n1,Engineering\n2,People\n',
  'models/staging/stg_workers.sql': `select * from (values (1, 'Ada', 1), (2, 'Grace', 1), (3, 'Lin', 2)) t(worker_id, name, department_id)`,
  'models/staging/active_workers.sql': `{{ config(materialized='ephemeral') }}
select * from {{ ref('stg_workers') }} where worker_id < 10`,
  'models/marts/headcount.sql': `select d.name as department, count(*) as headcount
from {{ ref('active_workers') }} w
join {{ ref('departments') }} d using (department_id)
group by all`,
  'models/marts/schema.yml': `version: 2
models:
  - name: headcount
    columns:
      - name: department
        data_tests: [unique, not_null]
      - name: headcount
        data_tests:
          - accepted_values: {values: [1, 2], quote: false}
`,
};

describe('hrflow build on a throwaway project', () => {
  it('seeds, builds views, inlines ephemerals, builds tables and tests them', async () => {
    project = tempProject(FILES);
    const result = await cli(project.root, 'build');
    expect(result.stderr).toContain('Completed successfully');
    expect(result.code).toBe(0);

    expect(await rows(project.root, 'select * from gold.headcount order by department')).toEqual([
      { department: 'Engineering', headcount: '2' },
      { department: 'People', headcount: '1' },
    ]);
    const compiled = readFileSync(
      join(project.root, 'target/compiled/demo/models/marts/headcount.sql'),
      'utf8',
    );
    expect(compiled).toBe(`with __dbt__cte__active_workers as (
select * from "hr_prod"."bronze"."stg_workers" where worker_id < 10
)
select d.name as department, count(*) as headcount
from __dbt__cte__active_workers w
join "hr_prod"."main"."departments" d using (department_id)
group by all`);
    const runResults = JSON.parse(
      readFileSync(join(project.root, 'target/run_results.json'), 'utf8'),
    ) as {
      results: { unique_id: string; status: string }[];
    };
    expect(
      runResults.results.map((r) => r.status).every((s) => s === 'success' || s === 'pass'),
    ).toBe(true);
    expect(
      (
        await rows(
          project.root,
          "select count(*)::int as n from hrflow.runs where status = 'success'",
        )
      )[0],
    ).toEqual({ n: 1 });
  });

  it('skips what is built on a model whose test fails, and exits 1', async () => {
    project = tempProject({
      ...FILES,
      'models/marts/schema.yml': `version: 2
models:
  - name: headcount
    columns:
      - name: headcount
        data_tests:
          - accepted_values: {values: [5], quote: false}
`,
      'models/marts/report.sql': "select * from {{ ref('headcount') }}",
    });
    const result = await cli(project.root, 'build');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/FAIL 2 accepted_values_headcount_headcount__False__5/);
    expect(result.stderr).toMatch(/SKIP model report/);
  });

  it('names the model, the DuckDB message and the compiled line of a SQL error, keeping the old table', async () => {
    project = tempProject(FILES);
    expect((await cli(project.root, 'build')).code).toBe(0);
    project.write(
      'models/marts/headcount.sql',
      `select d.name as department,\n  count(*) as headcount,\n  no_such_column\nfrom {{ ref('departments') }} d\ngroup by all`,
    );
    const result = await cli(project.root, 'run', '--select', 'headcount');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('models/marts/headcount.sql');
    expect(result.stderr).toMatch(/no_such_column/);
    expect(result.stderr).toMatch(/compiled line 3: no_such_column/);
    expect(await rows(project.root, 'select count(*)::int as n from gold.headcount')).toEqual([
      { n: 2 },
    ]);
  });

  it('exits 2 with file and line for a template error', async () => {
    project = tempProject({ ...FILES, 'models/staging/broken.sql': 'select 1\n{% if %}' });
    const result = await cli(project.root, 'run');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[template-error] models/staging/broken.sql:2');
  });

  it('prints the compiled SQL of one selected model', async () => {
    project = tempProject(FILES);
    const result = await cli(project.root, 'compile', '--select', 'stg_workers');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      `select * from (values (1, 'Ada', 1), (2, 'Grace', 1), (3, 'Lin', 2)) t(worker_id, name, department_id)`,
    );
    // Its tests compile with it; the model's SQL is still what is printed.
    const withTests = await cli(project.root, 'compile', '--select', 'headcount');
    expect(withTests.code).toBe(0);
    expect(withTests.stdout).toMatch(/^with __dbt__cte__active_workers as/);
    expect(withTests.stdout).toContain('group by');
    expect(withTests.stderr).not.toContain('compiled');
  });

  it('loads and parses the project once per run', async () => {
    project = tempProject({
      ...FILES,
      'models/staging/parsed.sql': `{% if not execute %}{{ log('parsing parsed.sql') }}{% endif %}
select 1 as one`,
    });
    const result = await cli(project.root, 'run', '--no-sync', '--select', 'parsed');
    expect(result.code).toBe(0);
    expect(result.stderr.match(/parsing parsed\.sql/g)).toHaveLength(1);
  });
});
