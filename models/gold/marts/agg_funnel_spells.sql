-- Stage history as spells for the funnel's totals (applications in the funnel over whole
-- months, across stages): the months in which an application entered stages, as runs of
-- consecutive months per organisation cell. Applications with one run are counted per spell
-- shape; others keep a row per run with their key. Rows with `entered_month` set carry the
-- days-in-stage sums per month and cell.
with entries as (
  select distinct
    application_id,
    cast(date_trunc('month', entered_at) as date) as entered_month,
    business_unit,
    department,
    office,
    job_family
  from {{ ref('fct_application_stages') }}
  where entered_at is not null
),

{{ gold_month_spells(
  'entries', 'application_id', 'entered_month',
  ['business_unit', 'department', 'office', 'job_family'], 'application_key'
) }}

select
  business_unit,
  department,
  office,
  job_family,
  first_month,
  last_month,
  cast(null as date) as entered_month,
  case when application_key is null then count(*) end as spell_applications,
  application_key,
  cast(null as double) as days_in_stage_sum,
  cast(null as bigint) as days_in_stage_n
from keyed_spells
group by business_unit, department, office, job_family, first_month, last_month, application_key

union all

select
  business_unit,
  department,
  office,
  job_family,
  cast(date_trunc('month', entered_at) as date) as first_month,
  cast(date_trunc('month', entered_at) as date) as last_month,
  cast(date_trunc('month', entered_at) as date) as entered_month,
  cast(null as bigint) as spell_applications,
  cast(null as integer) as application_key,
  sum(days_in_stage) as days_in_stage_sum,
  count(days_in_stage) as days_in_stage_n
from {{ ref('fct_application_stages') }}
group by
  business_unit, department, office, job_family, cast(date_trunc('month', entered_at) as date)
