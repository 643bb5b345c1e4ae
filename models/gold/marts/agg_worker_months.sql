-- Worker-months narrowed for the dashboards' workforce and separation datasets, read instead of
-- fct_worker_months whenever a request's shape allows: one row per worker and cell (month,
-- organisation, tenure band, separation), so headcount stays a distinct count that is exact
-- over any filter, over an integer key, with the month's flags as counts.
select
  month,
  business_unit,
  department,
  office,
  job_family,
  tenure_band,
  separation_reason,
  is_separation,
  cast(dense_rank() over (order by worker_id) as integer) as worker_key,
  count(*) as worker_months,
  count(*) filter (where is_hire) as hires,
  count(*) filter (where is_separation) as separations,
  count(*) filter (where is_voluntary) as voluntary
from {{ ref('fct_worker_months') }}
group by
  month, business_unit, department, office, job_family, tenure_band, separation_reason,
  is_separation, worker_id
order by month
