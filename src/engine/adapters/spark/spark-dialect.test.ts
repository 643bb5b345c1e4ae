import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnsupportedFeatureError } from '../../../core/errors.js';
import { hrflowConfig, tempProject } from '../../../testing/temp-project.js';
import type { TempProject } from '../../../testing/temp-project.js';
import { buildManifest } from '../../compile/manifest.js';
import { renderNode } from '../../compile/render-node.js';
import { loadProject } from '../../project/load-project.js';
import type { NodeId } from '../../project/nodes.js';
import { relation } from '../../relation.js';
import { Warehouse } from '../../../warehouse/warehouse.js';
import type { Dialect } from '../adapter.js';
import { duckdbDialect } from '../duckdb/duckdb-dialect.js';
import { sparkDialect as d } from './spark-dialect.js';

describe('Spark dialect', () => {
  it('quotes identifiers with backticks and literals with backslash escapes', () => {
    expect(d.quoteIdent('weird`name')).toBe('`weird``name`');
    expect(d.quoteLiteral(`O'Brien \\ co`)).toBe(`'O\\'Brien \\\\ co'`);
    expect(d.renderRelation(relation('hr_prod', 'silver', 'worker'))).toBe(
      '`hr_prod`.`silver`.`worker`',
    );
  });

  it("spells portable types with Spark's names", () => {
    expect(
      (['string', 'integer', 'numeric', 'timestamp', 'timestamptz', 'json'] as const).map((t) =>
        d.typeName(t),
      ),
    ).toEqual(['STRING', 'INT', 'DECIMAL(38, 10)', 'TIMESTAMP_NTZ', 'TIMESTAMP', 'STRING']);
  });

  it('writes an instant as a UTC timestamp without time zone, to the microsecond', () => {
    expect(d.timestampLiteral(new Date('2024-02-29T23:59:58.123Z'))).toBe(
      "TIMESTAMP_NTZ '2024-02-29 23:59:58.123000'",
    );
    expect(d.currentTimestamp()).toBe('current_timestamp()');
  });

  it('renames within a schema with the qualified new name', () => {
    const from = relation('hr_prod', 'silver', 'worker__hrflow_tmp');
    const to = relation('hr_prod', 'silver', 'worker');
    expect(d.renameRelation(from, to, 'table')).toBe(
      'ALTER TABLE `hr_prod`.`silver`.`worker__hrflow_tmp` RENAME TO `hr_prod`.`silver`.`worker`',
    );
    expect(d.renameRelation(from, to, 'view')).toMatch(/^ALTER VIEW /);
  });

  it('refuses to scan a CSV file, naming the file', () => {
    expect(() =>
      d.readCsv({ mode: 'infer', path: '/p/seeds/x.csv', delimiter: ',', types: [] }),
    ).toThrow(UnsupportedFeatureError);
  });
});

/**
 * One model written with dbt's cross-database macros compiles for DuckDB and for Spark; each
 * spelling is asserted exactly.
 */
describe('cross-database macros compile for DuckDB and Spark', () => {
  let project: TempProject;
  beforeAll(() => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/worker_tenure.sql': `select
  {{ dbt.datediff('hire_date', 'termination_date', 'day') }} as tenure_days,
  {{ dbt.datediff('hire_date', 'termination_date', 'month') }} as tenure_months,
  {{ dbt.dateadd('day', 90, 'hire_date') }} as probation_ends,
  {{ dbt.date_trunc('month', 'hire_date') }} as hire_month,
  {{ dbt.hash('worker_id') }} as worker_key,
  {{ dbt.concat(['first_name', "' '", 'last_name']) }} as full_name,
  {{ hrflow.json_text('payload', '$.job.title') }} as job_title
from workers`,
      'models/month_spine.sql': `{{ hrflow.date_spine('month', "cast('2024-01-01' as date)", "cast('2024-04-01' as date)") }}`,
    });
  });
  afterAll(() => project.remove());

  const render = (dialect: Dialect, model: string): string => {
    const manifest = buildManifest({
      project: loadProject({ projectDir: project.root }),
      dialect,
      invocation: {
        invocationId: 'inv-1',
        runStartedAt: new Date('2024-06-30T00:00:00Z'),
        targetName: 'dev',
        env: {},
        threads: 1,
        targetSchema: 'main',
      },
    });
    return renderNode(manifest, `model.demo.${model}` as NodeId, {
      isIncremental: false,
      fullRefresh: false,
    });
  };

  it('DuckDB', () => {
    expect(render(duckdbDialect, 'worker_tenure')).toBe(`select
  date_diff('day', cast(hire_date as timestamp), cast(termination_date as timestamp)) as tenure_days,
  date_diff('month', cast(hire_date as timestamp), cast(termination_date as timestamp)) as tenure_months,
  (hire_date + (interval 1 day) * (90)) as probation_ends,
  date_trunc('month', hire_date) as hire_month,
  md5(cast(worker_id as varchar)) as worker_key,
  (first_name || ' ' || last_name) as full_name,
  json_extract_string(payload, '$.job.title') as job_title
from workers`);
    expect(render(duckdbDialect, 'month_spine')).toBe(
      `select cast(spine.generate_series as date) as date_month
  from generate_series(cast(cast('2024-01-01' as date) as timestamp), cast(cast('2024-04-01' as date) as timestamp) - interval 1 second, interval 1 month) as spine`,
    );
  });

  it('DuckDB runs what it compiles', async () => {
    const warehouse = await Warehouse.open({ path: ':memory:', catalog: 'hr_prod' });
    try {
      const rows = await warehouse.withSession(async (session) => {
        await session.run(`create table workers as select 'W1' as worker_id, 'Ada' as first_name,
          'Lovelace' as last_name, date '2024-01-15' as hire_date,
          date '2024-04-10' as termination_date, '{"job": {"title": "Engineer"}}' as payload`);
        return [
          ...(await session.query(render(duckdbDialect, 'worker_tenure'))),
          ...(await session.query(render(duckdbDialect, 'month_spine'))),
        ];
      });
      expect(rows).toEqual([
        {
          tenure_days: '86',
          tenure_months: '3',
          probation_ends: '2024-04-14 00:00:00',
          hire_month: '2024-01-01 00:00:00',
          worker_key: '1e9944dfac1eac7a602d65620b492a48',
          full_name: 'Ada Lovelace',
          job_title: 'Engineer',
        },
        { date_month: '2024-01-01' },
        { date_month: '2024-02-01' },
        { date_month: '2024-03-01' },
      ]);
    } finally {
      await warehouse.close();
    }
  });

  it('Spark', () => {
    expect(render(d, 'worker_tenure')).toBe(`select
  datediff(cast(termination_date as date), cast(hire_date as date)) as tenure_days,
  ((year(termination_date) * 12 + month(termination_date)) - (year(hire_date) * 12 + month(hire_date))) as tenure_months,
  timestampadd(day, 90, hire_date) as probation_ends,
  date_trunc('month', hire_date) as hire_month,
  md5(cast(worker_id as string)) as worker_key,
  concat(first_name, ' ', last_name) as full_name,
  get_json_object(payload, '$.job.title') as job_title
from workers`);
    expect(render(d, 'month_spine')).toBe(
      `select d as date_month
  from (select explode(sequence(cast(cast('2024-01-01' as date) as date), date_sub(cast(cast('2024-04-01' as date) as date), 1), interval 1 month)) as d)`,
    );
  });
});
