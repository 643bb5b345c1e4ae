-- Employment as spells for the dashboards' workforce dataset, read instead of fct_worker_months
-- for totals and breakdowns by organisation over any period. A spell is a run of consecutive
-- months a worker spent in one organisation cell. Workers with a single spell are counted per
-- spell shape (cell, first and last month): one row for many workers. Workers with more
-- (transfers, rehires) keep a row per spell with their key, for an exact distinct count. Rows
-- with `month` set carry the month's additive counts per cell (first and last month equal).
with worker_months as (
  select worker_id, month, business_unit, department, office, job_family, is_hire, is_separation
  from {{ ref('fct_worker_months') }}
),

{{ gold_month_spells(
  'worker_months', 'worker_id', 'month',
  ['business_unit', 'department', 'office', 'job_family'], 'worker_key'
) }}

select
  business_unit,
  department,
  office,
  job_family,
  first_month,
  last_month,
  cast(null as date) as month,
  case when worker_key is null then count(*) end as spell_workers,
  worker_key,
  cast(null as bigint) as worker_months,
  cast(null as bigint) as hires,
  cast(null as bigint) as separations
from keyed_spells
group by business_unit, department, office, job_family, first_month, last_month, worker_key

union all

select
  business_unit,
  department,
  office,
  job_family,
  month as first_month,
  month as last_month,
  month,
  cast(null as bigint) as spell_workers,
  cast(null as integer) as worker_key,
  count(*) as worker_months,
  count(*) filter (where is_hire) as hires,
  count(*) filter (where is_separation) as separations
from worker_months
group by business_unit, department, office, job_family, month
