-- Worker-months counted per month and cell for the dashboards' workforce dataset, read instead
-- of fct_worker_months for breakdowns by month. A worker has one row per month, so the workers
-- of the cells of one month add up to that month's headcount exactly, under any row filter.
select
  month,
  business_unit,
  department,
  office,
  job_family,
  tenure_band,
  count(*) as workers,
  count(*) filter (where is_hire) as hires,
  count(*) filter (where is_separation) as separations
from {{ ref('fct_worker_months') }}
group by month, business_unit, department, office, job_family, tenure_band
order by month
