-- Separations per month and cell for the dashboards' separations dataset, read instead of
-- fct_worker_months (of which it keeps only the separation months). Workers who separated once
-- are counted per cell; a worker with more separations (rehired and gone again) keeps a row per
-- separation with their key, so distinct separated workers stay exact over any selection.
with separations as (
  select
    worker_id,
    month,
    business_unit,
    department,
    office,
    job_family,
    tenure_band,
    separation_reason,
    is_voluntary,
    {{ gold_repeat_key('worker_id') }} as worker_key
  from {{ ref('fct_worker_months') }}
  where is_separation
)

select
  month,
  business_unit,
  department,
  office,
  job_family,
  tenure_band,
  separation_reason,
  true as is_separation,
  worker_key,
  case when worker_key is null then count(*) end as separated_workers,
  count(*) filter (where is_voluntary) as voluntary
from separations
group by
  month, business_unit, department, office, job_family, tenure_band, separation_reason,
  worker_key
order by month
