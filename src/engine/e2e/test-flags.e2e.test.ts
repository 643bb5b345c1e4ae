/** `--warn-error` and `--store-failures` end to end, on a project with one warning test. */
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

const FILES = {
  'hrflow.config.yaml': hrflowConfig(),
  'models/workers.sql': `select * from (values (1, 'active'), (2, 'on_leave'), (3, null)) t(id, status)`,
  'models/report.sql': `select count(*) as n from {{ ref('workers') }}`,
  'models/schema.yml': `version: 2
models:
  - name: workers
    columns:
      - name: status
        data_tests:
          - accepted_values:
              values: [active]
              config: {severity: warn}
          - not_null:
              config: {store_failures: false, severity: warn}
      - name: id
        data_tests: [unique]
`,
};

describe('--warn-error', () => {
  it('turns a warning test into a failure that skips what is built on the model', async () => {
    project = tempProject(FILES);
    const relaxed = await cli(project.root, 'build');
    expect(relaxed.code).toBe(0);
    expect(relaxed.stderr).toMatch(/WARN 1 accepted_values_workers_status__active/);

    const strict = await cli(project.root, 'build', '--warn-error');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/FAIL 1 accepted_values_workers_status__active/);
    expect(strict.stderr).toMatch(/SKIP model report/);
  });

  it('turns a project warning into a configuration error', async () => {
    project = tempProject({
      ...FILES,
      'models/extra.yml': 'version: 2\nmodels:\n  - name: no_such_model\n',
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    const strict = await cli(project.root, 'run', '--warn-error');
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain("no model named 'no_such_model'");
  });
});

describe('hrflow test --store-failures', () => {
  it('keeps the failing rows of every test whose config does not opt out', async () => {
    project = tempProject(FILES);
    expect((await cli(project.root, 'run')).code).toBe(0);
    expect((await cli(project.root, 'test', '--store-failures')).code).toBe(0);
    expect(
      await rows(
        project.root,
        `select table_name, table_type from information_schema.tables
         where table_schema = 'test_failures' order by all`,
      ),
    ).toEqual([
      { table_name: 'accepted_values_workers_status__active', table_type: 'BASE TABLE' },
      { table_name: 'unique_workers_id', table_type: 'BASE TABLE' },
    ]);
    expect(
      await rows(
        project.root,
        'select * from test_failures.accepted_values_workers_status__active',
      ),
    ).toEqual([{ value_field: 'on_leave', n_records: '1' }]);
  });
});
