/**
 * A small People Analytics project for documentation tests: Workday sources in bronze, silver
 * models through CTEs, joins with aliases, `select *`, `case`, a union and an ephemeral model,
 * gold models with aggregates and a window function, a snapshot, a metric, tests (one warns)
 * and a dashboard exposure. `prepareWarehouse` lands the source rows a connector would land.
 */
import { join } from 'node:path';
import { Warehouse } from '../warehouse/warehouse.js';
import { hrflowConfig } from './temp-project.js';

/** The project files, path to content. */
export const DOCS_FIXTURE: Readonly<Record<string, string>> = {
  'hrflow.config.yaml': hrflowConfig(`models:
  silver:
    +schema: silver
    +materialized: table
    +tags: [silver]
  gold:
    +schema: gold
    +materialized: table
    +tags: [gold]
seeds:
  +schema: silver
selectors:
  - name: gold_layer
    definition: "tag:gold"
`),
  'seeds/departments.csv': 'department_id,department_name\n1,Engineering\n2,People\n',
  'models/sources.yml': `version: 2
sources:
  - name: workday
    description: Worker data pulled from **Workday**.
    schema: bronze
    tables:
      - name: workers
        identifier: workday_workers
        description: One row per worker as Workday returns it.
        loaded_at_field: loaded_at
        freshness:
          warn_after: {count: 1, period: day}
          error_after: {count: 2, period: day}
        columns:
          - name: worker_id
            data_tests: [unique, not_null]
          - name: email
            pii: email
          - name: gender
            pii: eeo
      - name: terminations
        identifier: workday_terminations
        description: Terminations with their reason.
`,
  'models/silver/stg_workers.sql': `{{ config(materialized='view') }}
select worker_id, full_name, email, gender, department_id, hired_on, status
from {{ source('workday', 'workers') }}`,
  'models/silver/worker.sql': `with w as (
  select * from {{ ref('stg_workers') }}
), d as (
  select * from {{ ref('departments') }}
)
select w.worker_id, w.full_name, d.department_name as department,
  case when w.status = 'active' then true else false end as is_active,
  w.hired_on
from w
left join d on w.department_id = d.department_id`,
  'models/silver/terminations.sql': `select t.*, t.termination_type = 'voluntary' as is_voluntary
from {{ source('workday', 'terminations') }} t`,
  'models/silver/active_workers.sql': `{{ config(materialized='ephemeral') }}
select * from {{ ref('worker') }} where is_active`,
  'models/silver/worker_events.sql': `select worker_id, hired_on as event_date, 'hire' as event_type from {{ ref('worker') }}
union all
select worker_id, terminated_on, termination_type from {{ ref('terminations') }}`,
  'models/silver/schema.yml': `version: 2
models:
  - name: worker
    description: |
      Conformed workers. <script>alert('x')</script>
    columns:
      - name: worker_id
        data_tests: [unique, not_null]
      - name: full_name
        pii: name
      - name: department
        data_tests:
          - accepted_values:
              values: [Engineering]
              config: {severity: warn}
`,
  'models/gold/turnover.sql': `select a.department,
  count(*) as headcount,
  count(*) filter (where t.is_voluntary) as voluntary_exits,
  count(*) filter (where t.is_voluntary)::double / nullif(count(*), 0) as voluntary_rate
from {{ ref('active_workers') }} a
left join {{ ref('terminations') }} t using (worker_id)
group by all`,
  'models/gold/tenure_rank.sql': `select worker_id, department,
  row_number() over (partition by department order by hired_on) as tenure_rank
from {{ ref('active_workers') }}`,
  'models/gold/schema.yml': `version: 2
models:
  - name: turnover
    description: Voluntary turnover by department.
    metric:
      label: Voluntary turnover rate
      definition: Voluntary exits divided by headcount in the period.
      formula: voluntary_exits / headcount
      grain: department
      standard: SHRM
    columns:
      - name: department
        data_tests: [not_null]
      - name: voluntary_rate
        description: Share of the department that left voluntarily.
exposures:
  - name: attrition_dashboard
    label: Attrition dashboard
    type: dashboard
    maturity: high
    url: https://hr.example.com/attrition
    owner: {name: People Analytics, email: pa@example.com}
    depends_on: ["ref('turnover')"]
`,
  'snapshots/worker_snapshot.sql': `{% snapshot worker_snapshot %}
{{ config(target_schema='silver', unique_key='worker_id', strategy='check', check_cols=['department']) }}
select worker_id, department from {{ ref('worker') }}
{% endsnapshot %}`,
};

/** Creates the bronze tables the sources describe, with fresh `loaded_at` values. */
export async function prepareWarehouse(root: string): Promise<void> {
  const warehouse = await Warehouse.open({
    path: join(root, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
  });
  try {
    await warehouse.withSession((s) =>
      s.run(`CREATE SCHEMA IF NOT EXISTS bronze;
        CREATE OR REPLACE TABLE bronze.workday_workers AS
          SELECT * FROM (VALUES
            (1, 'Ada Lovelace', 'ada@example.com', 'F', 1, DATE '2020-01-06', 'active', now()),
            (2, 'Grace Hopper', 'grace@example.com', 'F', 1, DATE '2019-03-01', 'active', now()),
            (3, 'Lin Wei', 'lin@example.com', 'M', 2, DATE '2021-07-12', 'terminated', now())
          ) t(worker_id, full_name, email, gender, department_id, hired_on, status, loaded_at);
        CREATE OR REPLACE TABLE bronze.workday_terminations AS
          SELECT * FROM (VALUES (3, DATE '2024-02-01', 'voluntary')) t(worker_id, terminated_on, termination_type);`),
    );
  } finally {
    await warehouse.close();
  }
}
