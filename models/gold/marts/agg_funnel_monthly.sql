-- Stage history per month entered and cell for the dashboards' funnel, read instead of
-- fct_application_stages for breakdowns by stage over whole months. An application that entered
-- a stage in one cell only (the usual case) is counted per cell; one that entered it again in
-- another month keeps a row per cell with its key, so applications reaching each stage stay an
-- exact distinct count.
with cells as (
  select
    application_id,
    cast(date_trunc('month', entered_at) as date) as entered_month,
    stage_name,
    stage_order,
    business_unit,
    department,
    office,
    job_family,
    sum(days_in_stage) as days_in_stage_sum,
    count(days_in_stage) as days_in_stage_n
  from {{ ref('fct_application_stages') }}
  group by
    application_id, cast(date_trunc('month', entered_at) as date), stage_name, stage_order,
    business_unit, department, office, job_family
),

keyed as (
  select
    *,
    {{ gold_repeat_key('application_id', 'application_id, stage_name') }} as application_key
  from cells
)

select
  entered_month,
  stage_name,
  stage_order,
  business_unit,
  department,
  office,
  job_family,
  application_key,
  case when application_key is null then count(*) end as stage_applications,
  sum(days_in_stage_sum) as days_in_stage_sum,
  -- BIGINT: DuckDB would make the sum HUGEINT, which scans many times slower.
  cast(sum(days_in_stage_n) as bigint) as days_in_stage_n
from keyed
group by
  entered_month, stage_name, stage_order, business_unit, department, office, job_family,
  application_key
order by entered_month
