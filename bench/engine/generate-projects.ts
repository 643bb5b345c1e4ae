/**
 * The two dbt projects the engine benchmark builds with both tools, written as plain files so
 * dbt and hrflow read exactly the same project.
 *
 * - `models1000`: 1,000 models in a medallion shape. 20 base tables generated with `range()`,
 *   300 staging views with CTEs, 400 intermediate models in 50 chains of 8 where each link joins
 *   one more staging model (views, some ephemeral, some tables), and 280 marts that fan in two
 *   or three chains (tables, some incremental with merge). Macros, vars and a cross-database
 *   macro appear throughout, as in a real project.
 * - `snapshot1m`: a 1,000,000-row worker source (generated in DuckDB by the benchmark), a few
 *   heavy models over it and a timestamp snapshot of it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Sizes of the 1,000-model project's layers. */
export const LAYOUT = {
  base: 20,
  staging: 300,
  chains: 50,
  chainLength: 8,
  marts: 280,
  /** Rows in each base table. */
  baseRows: 5_000,
} as const;

const PROFILE = (threads: number): string => `bench:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: warehouse.duckdb
      threads: ${threads}
`;

/** Writes the 1,000-model project under `root` (emptied first). */
export function writeModelsProject(root: string, threads: number): void {
  const files = new Map<string, string>();
  files.set(
    'dbt_project.yml',
    `name: bench
version: '1.0.0'
config-version: 2
profile: bench
vars:
  as_of: '2024-06-30'
  salary_floor: 0
models:
  bench:
    base:
      +materialized: table
      +schema: base
    staging:
      +materialized: view
      +schema: staging
    intermediate:
      +materialized: view
      +schema: intermediate
    marts:
      +materialized: table
      +schema: marts
`,
  );
  files.set('profiles.yml', PROFILE(threads));
  files.set(
    'macros/people.sql',
    `{% macro money(cents) -%}
  round(cast({{ cents }} as double) / 100, 2)
{%- endmacro %}

{% macro band(salary) -%}
  case when {{ salary }} < 60000 then 'low' when {{ salary }} < 120000 then 'mid' else 'high' end
{%- endmacro %}
`,
  );

  for (let b = 0; b < LAYOUT.base; b++) {
    files.set(
      `models/base/base_workers_${b}.sql`,
      `select
  range as worker_id,
  range % 37 as department_id,
  (range * ${b + 7}) % 250000 + 30000 as salary_cents_k,
  date '2015-01-01' + cast(range % 3000 as integer) as hired_on,
  case range % 5 when 0 then 'terminated' when 1 then 'on_leave' else 'active' end as status
from range(${LAYOUT.baseRows})
`,
    );
  }

  for (let s = 0; s < LAYOUT.staging; s++) {
    const base = s % LAYOUT.base;
    files.set(
      `models/staging/stg_workers_${s}.sql`,
      `with source as (
  select * from {{ ref('base_workers_${base}') }}
),

renamed as (
  select
    worker_id,
    department_id,
    {{ money('salary_cents_k * 10') }} as salary,
    hired_on,
    {{ dbt.datediff('hired_on', "cast('" ~ var('as_of') ~ "' as date)", 'day') }} as tenure_days,
    status
  from source
  where salary_cents_k >= {{ var('salary_floor') }}
)

select * from renamed
`,
    );
  }

  const chainEnds: string[] = [];
  const chainMids: string[] = [];
  for (let c = 0; c < LAYOUT.chains; c++) {
    let previous = `stg_workers_${(c * 6) % LAYOUT.staging}`;
    for (let link = 0; link < LAYOUT.chainLength; link++) {
      const name = `int_chain_${c}_${link}`;
      const other = `stg_workers_${(c * 6 + link + 1) % LAYOUT.staging}`;
      const materialized =
        link === 3 && c % 2 === 0 ? 'ephemeral' : link === LAYOUT.chainLength - 1 ? 'table' : null;
      files.set(
        `models/intermediate/chain_${c}/${name}.sql`,
        `${materialized ? `{{ config(materialized='${materialized}') }}\n\n` : ''}with upstream as (
  select * from {{ ref('${previous}') }}
),

other as (
  select worker_id, salary as other_salary, status as other_status
  from {{ ref('${other}') }}
),

joined as (
  select
    upstream.worker_id,
    upstream.department_id,
    greatest(upstream.salary, coalesce(other.other_salary, 0)) as salary,
    upstream.tenure_days,
    case when other.other_status = 'terminated' then 'terminated' else upstream.status end as status
  from upstream
  left join other on upstream.worker_id = other.worker_id
)

select * from joined
`,
      );
      if (link === LAYOUT.chainLength / 2) chainMids.push(name);
      previous = name;
    }
    chainEnds.push(previous);
  }

  for (let m = 0; m < LAYOUT.marts; m++) {
    const a = chainEnds[m % chainEnds.length] ?? '';
    const b = chainEnds[(m * 7 + 3) % chainEnds.length] ?? '';
    const c = chainMids[(m * 11 + 5) % chainMids.length] ?? '';
    const incremental = m % 10 === 0;
    const head = incremental
      ? `{{ config(materialized='incremental', unique_key='department_id', incremental_strategy='merge') }}\n\n`
      : '';
    const filter = incremental
      ? `\n{% if is_incremental() %}\nwhere department_id not in (select department_id from {{ this }})\n{% endif %}`
      : '';
    files.set(
      `models/marts/mart_${m}.sql`,
      `${head}with first_chain as (
  select * from {{ ref('${a}') }}
),

second_chain as (
  select * from {{ ref('${b}') }}
),

third_chain as (
  select worker_id, tenure_days from {{ ref('${c}') }}
),

combined as (
  select
    f.department_id,
    f.status,
    {{ band('f.salary') }} as salary_band,
    f.salary + coalesce(s.salary, 0) as total_salary,
    t.tenure_days
  from first_chain as f
  left join second_chain as s on f.worker_id = s.worker_id
  left join third_chain as t on f.worker_id = t.worker_id
)

select
  department_id,
  count(*) as headcount,
  count(*) filter (where status = 'active') as active_headcount,
  round(avg(total_salary), 2) as average_total_salary,
  max(tenure_days) as longest_tenure_days
from combined${filter}
group by department_id
`,
    );
  }

  files.set(
    'models/marts/_marts.yml',
    `version: 2\nmodels:\n${Array.from(
      { length: LAYOUT.marts },
      (_, m) => `  - name: mart_${m}\n    description: Department figures ${m}.\n`,
    ).join('')}`,
  );
  writeAll(root, files);
}

/** Rows of the snapshot project's source. */
export const SOURCE_ROWS = 1_000_000;

/** Writes the 1,000,000-row snapshot project under `root` (emptied first). */
export function writeSnapshotProject(root: string, threads: number): void {
  const files = new Map<string, string>();
  files.set(
    'dbt_project.yml',
    `name: bench_snapshot
version: '1.0.0'
config-version: 2
profile: bench
models:
  bench_snapshot:
    +materialized: table
    +schema: analytics
`,
  );
  files.set('profiles.yml', PROFILE(threads));
  files.set(
    'models/sources.yml',
    `version: 2
sources:
  - name: workday
    schema: raw
    tables:
      - name: workers
`,
  );
  files.set(
    'models/stg_workers.sql',
    `{{ config(materialized='view') }}
select
  worker_id,
  department_id,
  cast(salary_cents as double) / 100 as salary,
  status,
  updated_at
from {{ source('workday', 'workers') }}
`,
  );
  files.set(
    'models/department_payroll.sql',
    `select
  department_id,
  count(*) as headcount,
  sum(salary) as payroll,
  avg(salary) as average_salary,
  quantile_cont(salary, 0.5) as median_salary
from {{ ref('stg_workers') }}
where status = 'active'
group by department_id
`,
  );
  files.set(
    'models/salary_ranks.sql',
    `select
  worker_id,
  department_id,
  salary,
  rank() over (partition by department_id order by salary desc) as salary_rank
from {{ ref('stg_workers') }}
`,
  );
  files.set(
    'models/worker_changes.sql',
    `{{ config(materialized='incremental', unique_key='worker_id', incremental_strategy='merge') }}
select worker_id, status, updated_at
from {{ ref('stg_workers') }}
{% if is_incremental() %}
where updated_at > (select max(updated_at) from {{ this }})
{% endif %}
`,
  );
  files.set(
    'snapshots/worker_history.yml',
    `snapshots:
  - name: worker_history
    relation: source('workday', 'workers')
    config:
      schema: snapshots
      unique_key: worker_id
      strategy: timestamp
      updated_at: updated_at
`,
  );
  writeAll(root, files);
}

/** SQL creating the snapshot project's source in the warehouse, with `rows` workers. */
export function sourceSql(rows: number): string {
  return `CREATE SCHEMA IF NOT EXISTS raw;
CREATE OR REPLACE TABLE raw.workers AS
SELECT
  range AS worker_id,
  range % 400 AS department_id,
  (range * 7919) % 25000000 + 3000000 AS salary_cents,
  CASE range % 9 WHEN 0 THEN 'terminated' WHEN 1 THEN 'on_leave' ELSE 'active' END AS status,
  TIMESTAMP '2024-01-01 00:00:00' + to_seconds(range % 86400) AS updated_at
FROM range(${rows});`;
}

/** SQL changing 1 % of the source's rows: a raise and a later `updated_at`. */
export function changeSql(): string {
  return `UPDATE raw.workers
SET salary_cents = salary_cents + 150000, updated_at = TIMESTAMP '2024-07-01 00:00:00'
WHERE worker_id % 100 = 42;`;
}

function writeAll(root: string, files: ReadonlyMap<string, string>): void {
  rmSync(root, { recursive: true, force: true });
  for (const [path, content] of files) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
}
