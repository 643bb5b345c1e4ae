-- Requisitions per month opened and cell for the dashboards' requisitions dataset, read
-- instead of fct_requisitions over whole months. Every measure adds up.
select
  cast(date_trunc('month', opened_at) as date) as opened_month,
  business_unit,
  department,
  office,
  job_family,
  count(*) as requisitions,
  count(*) filter (where status = 'open') as open_requisitions,
  count(*) filter (where status = 'filled') as filled,
  -- BIGINT: DuckDB would make the sum HUGEINT, which scans many times slower.
  cast(sum(days_to_fill) as bigint) as days_to_fill_sum,
  count(days_to_fill) as days_to_fill_n
from {{ ref('fct_requisitions') }}
group by cast(date_trunc('month', opened_at) as date), business_unit, department, office, job_family
order by opened_month
