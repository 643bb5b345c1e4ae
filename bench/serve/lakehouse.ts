/**
 * A large lakehouse for the serve benchmark, generated in DuckDB: raw tables with 100,000
 * workers and 1,000,000 applications (with their stage history), and a project whose gold
 * models give the reference project's marts (`fct_*`, `dim_workers`, `dq_findings`) with
 * exactly their columns and types, plus the reference project's own serve rollups built on
 * them. Building the real marts from the sandbox at this size would take hours, so the marts
 * are generated; the engine builds them as usual.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceRollupFiles } from '../../src/serve/testing/fixture-lakehouse.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';

export const ADJUSTMENT_HEADER =
  'worker_id,full_name,email,ssn,date_of_birth,home_address,business_unit,department,office,job_family,level,gender,ethnicity,hired_on,terminated_on,separation_reason,is_voluntary';

/** Writes the project files (config, models, seed) under `root`. */
export function writeProject(root: string, config: string): void {
  const files: Record<string, string> = {
    'hrflow.config.yaml': config,
    'seeds/adjustments.csv': `${ADJUSTMENT_HEADER}\n`,
    'models/gold/bench_workers.sql': `{{ config(materialized='table') }}
select * from raw.workers
union all by name
select * replace (cast(hired_on as date) as hired_on, cast(terminated_on as date) as terminated_on,
                  cast(date_of_birth as date) as date_of_birth, cast(is_voluntary as boolean) as is_voluntary)
from {{ ref('adjustments') }}
`,
    'models/gold/dim_workers.sql': `select
  worker_id, worker_id as employee_id, 'P' || worker_id as person_id, 'employee' as worker_type,
  full_name, email, ssn, date_of_birth, home_address, business_unit, department, office,
  job_family, level, gender, ethnicity, hired_on, cast(year(hired_on) as varchar) as hire_cohort,
  terminated_on as termination_date,
  coalesce(terminated_on - hired_on <= 365, false) as separated_within_first_year,
  terminated_on is null as is_active,
  case when terminated_on is null then 'active' else 'terminated' end as employment_status
from {{ ref('bench_workers') }}
`,
    'models/gold/fct_worker_months.sql': `with months as (
  select cast(m as date) as month
  from generate_series(date '2025-01-01', date '2025-12-01', interval 1 month) t(m)
),
spans as (
  select w.*, m.month, date_diff('day', w.hired_on, least(m.month + interval 1 month - interval 1 day, coalesce(w.terminated_on, date '2100-01-01'))) / 365.25 as years
  from months m
  join {{ ref('bench_workers') }} w
    on date_trunc('month', w.hired_on) <= m.month
   and (w.terminated_on is null or date_trunc('month', w.terminated_on) >= m.month)
)
select worker_id, month, business_unit, department, office, job_family, level as job_level,
  1.0::double as fte,
  case when years < 1 then 'under 1 year' when years < 5 then '1-5 years'
       when years < 10 then '5-10 years' when years < 20 then '10-20 years'
       when years < 30 then '20-30 years' else '30 years and more' end as tenure_band,
  date_trunc('month', hired_on) = month as is_hire,
  terminated_on is not null and date_trunc('month', terminated_on) = month as is_separation,
  case when date_trunc('month', terminated_on) = month then separation_reason end as separation_reason,
  case when date_trunc('month', terminated_on) = month
       then case when is_voluntary then 'voluntary' else 'involuntary' end end as separation_category,
  coalesce(date_trunc('month', terminated_on) = month and is_voluntary, false) as is_voluntary,
  false as is_regretted
from spans
`,
    'models/gold/fct_applications.sql': `select ${APPLICATION_COLUMNS} from raw.applications\n`,
    'models/gold/fct_application_stages.sql': `select ${STAGE_COLUMNS} from raw.application_stages\n`,
    'models/gold/fct_requisitions.sql': 'select * from raw.requisitions\n',
    'models/gold/dq_findings.sql': 'select * from raw.findings\n',
    // The serve rollups are the reference project's own models, read from the repository.
    ...referenceRollupFiles(),
  };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** The columns of the reference project's gold.fct_applications, in its order. */
const APPLICATION_COLUMNS = [
  'application_id',
  'candidate_id',
  'person_id',
  'job_id',
  'business_unit',
  'business_unit_id',
  'department',
  'department_id',
  'office',
  'office_id',
  'job_family',
  'job_level',
  'source',
  'source_type',
  'applied_at',
  'applied_on',
  'status',
  'is_hired',
  'hired_at',
  'offer_extended',
  'offer_extended_on',
  'offer_accepted',
  'days_to_hire',
  'is_internal',
  'has_eeo_response',
  'eeo_gender',
  'eeo_race',
].join(', ');

/** The columns of the reference project's gold.fct_application_stages, in its order. */
const STAGE_COLUMNS = [
  'application_id',
  'stage_name',
  'stage_order',
  'entered_at',
  'left_at',
  'days_in_stage',
  'stage_outcome',
  'business_unit',
  'department',
  'office',
  'job_family',
  'job_level',
].join(', ');

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
        WITH base AS (
          SELECT i,
            ['Sales', 'Engineering', 'Support', 'Finance', 'Operations'][1 + (hash(i, 2) % 5)::INT] AS bu,
            TIMESTAMP '2024-01-01 09:00:00' + to_days((hash(i, 5) % 700)::INT) AS opened,
            hash(i, 6) % 100 AS s
          FROM range(1, ${requisitions + 1}) t(i)
        )
        SELECT
          i::BIGINT AS requisition_id,
          'R' || lpad(i::VARCHAR, 6, '0') AS requisition_code,
          i::BIGINT AS job_id,
          'Role ' || i AS title,
          bu AS business_unit,
          bu || ' ' || (1 + hash(i, 3) % 6)::VARCHAR AS department,
          ['Berlin', 'Austin', 'London', 'Remote', 'Singapore'][1 + (hash(i, 4) % 5)::INT] AS office,
          bu AS job_family,
          'L' || (1 + hash(i, 8) % 6)::VARCHAR AS job_level,
          opened AS opened_at,
          CASE WHEN s >= 90 THEN opened + to_days((20 + hash(i, 7) % 90)::INT) END AS closed_at,
          CASE WHEN s < 60 THEN opened + to_days((10 + hash(i, 7) % 90)::INT) END AS filled_at,
          CASE WHEN s < 60 THEN 'filled' WHEN s < 90 THEN 'open' ELSE 'closed' END AS status,
          NULL::BIGINT AS hired_application_id,
          CASE WHEN s < 60 THEN (10 + hash(i, 7) % 90)::BIGINT END AS days_to_fill
        FROM base`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.applications AS
        WITH base AS (
          SELECT i, 1 + (hash(i, 20) % ${requisitions})::INT AS rn, (hash(i, 21) % 1000)::INT AS h,
                 (hash(i, 22) % 100)::INT AS g,
                 TIMESTAMP '2024-01-01 08:00:00' + to_days((hash(i, 24) % 700)::INT)
                   + to_minutes((hash(i, 27) % 600)::INT) AS applied
          FROM range(1, ${applications + 1}) t(i)
        )
        SELECT
          i::BIGINT AS application_id,
          (i % ${Math.floor(applications * 0.9)})::BIGINT AS candidate_id,
          'P' || (i % ${Math.floor(applications * 0.9)})::VARCHAR AS person_id,
          r.job_id,
          r.business_unit, r.business_unit AS business_unit_id,
          r.department, r.department AS department_id,
          r.office, r.office AS office_id,
          r.job_family, r.job_level,
          ['Referral', 'LinkedIn', 'Careers site', 'Agency', 'Event'][1 + (hash(i, 23) % 5)::INT] AS source,
          ['referral', 'job_board', 'company_marketing', 'agency', 'event'][1 + (hash(i, 23) % 5)::INT] AS source_type,
          applied AS applied_at,
          CAST(applied AS DATE) AS applied_on,
          CASE WHEN h >= 970 THEN 'hired' WHEN h < 700 THEN 'rejected' ELSE 'active' END AS status,
          h >= 970 AS is_hired,
          CASE WHEN h >= 970 THEN applied + to_days((15 + hash(i, 25) % 60)::INT) END AS hired_at,
          h >= 920 AS offer_extended,
          CASE WHEN h >= 920 THEN CAST(applied AS DATE) + (10 + hash(i, 25) % 50)::INT END AS offer_extended_on,
          h >= 970 AS offer_accepted,
          CASE WHEN h >= 970 THEN (15 + hash(i, 25) % 60)::BIGINT END AS days_to_hire,
          hash(i, 28) % 100 < 5 AS is_internal,
          g < 93 AS has_eeo_response,
          CASE WHEN g < 45 THEN 'female' WHEN g < 93 THEN 'male' ELSE 'unknown' END AS eeo_gender,
          ['asian', 'black_or_african_american', 'hispanic_or_latino', 'white'][1 + (hash(i, 26) % 4)::INT] AS eeo_race,
          CASE WHEN h < 550 THEN 0 WHEN h < 800 THEN 1 WHEN h < 920 THEN 2 WHEN h < 970 THEN 3 ELSE 4 END AS stage_n
        FROM base JOIN raw.requisitions r ON r.requisition_id = base.rn`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.application_stages AS
        SELECT application_id,
          ['applied', 'screen', 'interview', 'offer', 'hired'][k + 1] AS stage_name,
          (k + 1)::BIGINT AS stage_order,
          applied_at + to_days((k * 7)::INT) AS entered_at,
          CASE WHEN k < stage_n THEN applied_at + to_days(((k + 1) * 7)::INT) END AS left_at,
          CASE WHEN k < 4 THEN (2 + hash(application_id, k) % 12)::DOUBLE END AS days_in_stage,
          CASE WHEN k = 4 THEN 'hired' WHEN k < stage_n THEN 'advanced'
               WHEN status = 'rejected' THEN 'rejected' ELSE 'in_stage' END AS stage_outcome,
          business_unit, department, office, job_family, job_level
        FROM (SELECT *, unnest(range(0, stage_n + 1)) AS k FROM raw.applications)`);
      await s.run(`
        CREATE OR REPLACE TABLE raw.findings AS
        SELECT md5('F' || i) AS finding_id,
          ['duplicate_identities', 'time_to_hire_outliers', 'interviewer_score_anomalies', 'eeoc_completeness_anomalies'][1 + (hash(i, 1) % 4)::INT] AS detector,
          ['low', 'medium', 'high'][1 + (hash(i, 2) % 3)::INT] AS severity,
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
