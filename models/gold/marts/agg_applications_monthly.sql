-- Applications per month and cell (business unit, department, source, EEO answers) for the
-- dashboards' hiring and selection-rate datasets, read instead of fct_applications over whole
-- months. Candidates whose applications all fall in one row are counted per cell; the others
-- keep a row per cell with their key, so distinct applicants stay exact over any selection.
with cells as (
  select
    candidate_id,
    cast(date_trunc('month', applied_at) as date) as applied_month,
    business_unit,
    department,
    source,
    eeo_gender,
    eeo_race,
    count(*) as applications,
    count(*) filter (where is_hired) as hires,
    count(*) filter (where offer_extended) as offers_extended,
    count(*) filter (where offer_accepted) as offers_accepted,
    cast(sum(days_to_hire) filter (where is_hired) as bigint) as hire_days_sum,
    count(days_to_hire) filter (where is_hired) as hire_days_n
  from {{ ref('fct_applications') }}
  group by
    candidate_id, cast(date_trunc('month', applied_at) as date), business_unit, department,
    source, eeo_gender, eeo_race
),

keyed as (
  select
    *,
    {{ gold_repeat_key('candidate_id') }} as candidate_key
  from cells
)

select
  applied_month,
  business_unit,
  department,
  source,
  eeo_gender,
  eeo_race,
  candidate_key,
  case when candidate_key is null then count(*) end as applicants,
  -- Sums as BIGINT: DuckDB would make them HUGEINT, which scans many times slower.
  cast(sum(applications) as bigint) as applications,
  cast(sum(hires) as bigint) as hires,
  cast(sum(offers_extended) as bigint) as offers_extended,
  cast(sum(offers_accepted) as bigint) as offers_accepted,
  cast(sum(hire_days_sum) as bigint) as hire_days_sum,
  cast(sum(hire_days_n) as bigint) as hire_days_n
from keyed
group by applied_month, business_unit, department, source, eeo_gender, eeo_race, candidate_key
order by applied_month
