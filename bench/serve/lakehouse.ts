/**
 * A large gold-like lakehouse for the serve benchmark, generated in DuckDB: raw tables with
 * 100,000 workers and 1,000,000 applications (with their stage history), and a project whose
 * gold models select from them under the names the dataset layer reads. The real gold models
 * are not merged yet, so these stand in for them; the engine builds them as usual.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Warehouse } from '../../src/warehouse/warehouse.js';

export const ADJUSTMENT_HEADER =
  'worker_id,full_name,email,ssn,date_of_birth,home_address,business_unit,department,office,job_family,level,gender,ethnicity,hired_on,terminated_on,separation_reason,is_voluntary';

/** Writes the project files (config, models, seed) under `root`. */
export function writeProject(root: string, config: string): void {
  const files: Record<string, string> = {
    'hrflow.config.yaml': config,
    'seeds/adjustments.csv': `${ADJUSTMENT_HEADER}\n`,
    'models/gold/dim_workers.sql': `{{ config(materialized='table') }}
with all_workers as (
  select * from raw.workers
  union all by name
  select * replace (cast(hired_on as date) as hired_on, cast(terminated_on as date) as terminated_on,
                    cast(date_of_birth as date) as date_of_birth, cast(is_voluntary as boolean) as is_voluntary)
  from {{ ref('adjustments') }}
)
select *, cast(year(hired_on) as varchar) as hire_cohort, terminated_on is null as is_active,
  coalesce(terminated_on - hired_on <= 365, false) as separated_within_first_year
from all_workers
`,
    'models/gold/fct_worker_months.sql': `with months as (
  select cast(m as date) as month
  from generate_series(date '2025-01-01', date '2025-12-01', interval 1 month) t(m)
)
select m.month, w.worker_id, w.business_unit, w.department, w.office, w.job_family, w.level,
  w.gender, w.ethnicity,
  case when date_diff('day', w.hired_on, m.month) < 365 then '< 1 year'
       when date_diff('day', w.hired_on, m.month) < 3 * 365 then '1-3 years'
       else '3+ years' end as tenure_band,
  date_trunc('month', w.hired_on) = m.month as is_hire,
  w.terminated_on is not null and date_trunc('month', w.terminated_on) = m.month as is_separation,
  case when date_trunc('month', w.terminated_on) = m.month then w.separation_reason end as separation_reason,
  case when date_trunc('month', w.terminated_on) = m.month then w.is_voluntary end as is_voluntary
from months m
join {{ ref('dim_workers') }} w
  on date_trunc('month', w.hired_on) <= m.month
 and (w.terminated_on is null or date_trunc('month', w.terminated_on) >= m.month)
`,
    'models/gold/fct_applications.sql': 'select * from raw.applications\n',
    'models/gold/fct_application_stages.sql': 'select * from raw.application_stages\n',
    'models/gold/fct_requisitions.sql':
      'select *, case when filled_at is not null then filled_at - opened_at end as days_to_fill from raw.requisitions\n',
    'models/gold/dq_findings.sql': 'select * from raw.findings\n',
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** Generates the raw tables in the project's warehouse. */
export async function generateRaw(
  path: string,
  workers: number,
  applications: number,
): Promise<void> {
  const warehouse = await Warehouse.open({ path, catalog: 'hr_prod' });
  const requisitions = Math.max(1000, Math.floor(applications / 20));
  try {
    await warehouse.withSession(async (s) => {
      // Created here so the engine's concurrent nodes never race to create them.
      await s.run(
        `CREATE SCHEMA IF NOT EXISTS raw; CREATE SCHEMA IF NOT EXISTS gold; CREATE SCHEMA IF NOT EXISTS silver`,
      );
      await s.run(`
        CREATE OR REPLACE TABLE raw.workers AS
        WITH base AS (
          SELECT i,
            ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 2) % 5)::INT] AS bu,
            (hash(i, 7) % 100)::INT AS g,
            DATE '2015-01-01' + (hash(i, 5) % 3900)::INT AS hired
          FROM range(1, ${workers + 1}) t(i)
        )
        SELECT
          'W' || lpad(i::VARCHAR, 6, '0') AS worker_id,
          'Person ' || i AS full_name,
          'p' || i || '@example.com' AS email,
          (100 + i % 800)::VARCHAR || '-' || (10 + i % 89)::VARCHAR || '-' || (1000 + i % 9000)::VARCHAR AS ssn,
          DATE '1960-01-01' + (hash(i, 1) % 14000)::INT AS date_of_birth,
          i || ' Main Street' AS home_address,
          bu AS business_unit,
          bu || ' ' || (1 + hash(i, 3) % 6)::VARCHAR AS department,
          ['Berlin', 'Austin', 'London', 'Remote', 'Singapore'][1 + (hash(i, 4) % 5)::INT] AS office,
          bu AS job_family,
          'L' || (1 + hash(i, 6) % 6)::VARCHAR AS level,
          CASE WHEN g < 48 THEN 'Woman' WHEN g < 97 THEN 'Man' ELSE 'Non-binary' END AS gender,
          ['Asian', 'Black', 'Hispanic', 'White', 'Two or more', 'Native'][1 + (hash(i, 8) % 6)::INT] AS ethnicity,
          hired AS hired_on,
          CASE WHEN hash(i, 9) % 100 < 25
               THEN least(hired + (30 + hash(i, 10) % 1500)::INT, DATE '2025-12-15') END AS terminated_on,
          CASE WHEN hash(i, 9) % 100 < 25
               THEN ['Better offer', 'Relocation', 'Performance', 'Layoff'][1 + (hash(i, 11) % 4)::INT] END AS separation_reason,
          CASE WHEN hash(i, 9) % 100 < 25 THEN hash(i, 12) % 10 < 7 END AS is_voluntary
        FROM base`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.requisitions AS
        SELECT
          i AS rn,
          'R' || lpad(i::VARCHAR, 6, '0') AS requisition_id,
          'Role ' || i AS title,
          ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 2) % 5)::INT] AS business_unit,
          ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 2) % 5)::INT] || ' ' || (1 + hash(i, 3) % 6)::VARCHAR AS department,
          ['Berlin', 'Austin', 'London', 'Remote', 'Singapore'][1 + (hash(i, 4) % 5)::INT] AS office,
          ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 2) % 5)::INT] AS job_family,
          DATE '2024-01-01' + (hash(i, 5) % 700)::INT AS opened_at,
          CASE WHEN hash(i, 6) % 100 < 60 THEN DATE '2024-01-01' + (hash(i, 5) % 700)::INT + (10 + hash(i, 7) % 90)::INT END AS filled_at,
          CASE WHEN hash(i, 6) % 100 < 60 THEN 'filled' WHEN hash(i, 6) % 100 < 90 THEN 'open' ELSE 'closed' END AS status
        FROM range(1, ${requisitions + 1}) t(i)`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.applications AS
        WITH base AS (
          SELECT i, 1 + (hash(i, 20) % ${requisitions})::INT AS rn, (hash(i, 21) % 1000)::INT AS h,
                 (hash(i, 22) % 100)::INT AS g
          FROM range(1, ${applications + 1}) t(i)
        )
        SELECT
          'A' || lpad(i::VARCHAR, 8, '0') AS application_id,
          'C' || lpad((i % ${Math.floor(applications * 0.9)})::VARCHAR, 8, '0') AS candidate_id,
          r.requisition_id, r.business_unit, r.department, r.office, r.job_family,
          ['Referral', 'LinkedIn', 'Careers site', 'Agency', 'Event'][1 + (hash(i, 23) % 5)::INT] AS source,
          DATE '2024-01-01' + (hash(i, 24) % 700)::INT AS applied_at,
          CASE WHEN h < 550 THEN 0 WHEN h < 800 THEN 1 WHEN h < 920 THEN 2 WHEN h < 970 THEN 3 ELSE 4 END AS stage_n,
          h >= 920 AS offer_extended,
          h >= 970 AS offer_accepted,
          h >= 970 AS is_hired,
          CASE WHEN h >= 970 THEN 15 + (hash(i, 25) % 60)::INT END AS days_to_hire,
          CASE WHEN g < 45 THEN 'Female' WHEN g < 93 THEN 'Male' ELSE 'Decline to self identify' END AS eeo_gender,
          ['Asian', 'Black', 'Hispanic', 'White'][1 + (hash(i, 26) % 4)::INT] AS eeo_race
        FROM base JOIN raw.requisitions r USING (rn)`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.application_stages AS
        SELECT application_id,
          ['Applied', 'Screen', 'Interview', 'Offer', 'Hired'][k + 1] AS stage_name,
          k + 1 AS stage_order,
          applied_at + (k * 7)::INT AS entered_at,
          (2 + hash(application_id, k) % 12)::INT AS days_in_stage,
          business_unit, department, office, job_family
        FROM (SELECT *, unnest(range(0, stage_n + 1)) AS k FROM raw.applications)`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.findings AS
        SELECT 'F' || lpad(i::VARCHAR, 6, '0') AS finding_id,
          ['future_hire_date', 'duplicate_identity', 'salary_outlier', 'stale_requisition'][1 + (hash(i, 1) % 4)::INT] AS detector,
          ['warn', 'error'][1 + (hash(i, 2) % 2)::INT] AS severity,
          'worker' AS entity,
          'W' || lpad((1 + hash(i, 3) % ${workers})::VARCHAR, 6, '0') AS entity_id,
          ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 4) % 5)::INT] AS business_unit,
          'Dept' AS department, 'Berlin' AS office, 'Any' AS job_family,
          TIMESTAMP '2025-06-01' + to_days((hash(i, 5) % 180)::INT) AS detected_at,
          'finding ' || i AS summary,
          '{"field": "hired_on"}' AS evidence
        FROM range(1, 10001) t(i)`);
    });
  } finally {
    await warehouse.close();
  }
}
