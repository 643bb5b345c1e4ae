-- Applications pre-aggregated for the dashboards' hiring and selection-rate datasets, which read
-- it instead of fct_applications whenever a request's shape allows. One row per candidate and
-- cell (application date, organisation, source, EEO answers): keeping the candidate in the
-- grain keeps distinct applicants exact under any period and row filter; the integer key and
-- the few columns make it cheaper to scan than the fact table.
select
  cast(applied_at as date) as applied_on,
  business_unit,
  department,
  office,
  job_family,
  source,
  eeo_gender,
  eeo_race,
  cast(dense_rank() over (order by candidate_id) as integer) as candidate_key,
  count(*) as applications,
  count(*) filter (where is_hired) as hires,
  count(*) filter (where offer_extended) as offers_extended,
  count(*) filter (where offer_accepted) as offers_accepted,
  -- BIGINT: DuckDB would make the sum HUGEINT, which scans many times slower.
  cast(sum(days_to_hire) filter (where is_hired) as bigint) as hire_days_sum,
  count(days_to_hire) filter (where is_hired) as hire_days_n
from {{ ref('fct_applications') }}
group by
  cast(applied_at as date), business_unit, department, office, job_family, source, eeo_gender,
  eeo_race, candidate_id
order by applied_on
