-- M15 source of hire and source yield per month and source: applications from the source in
-- the month and how many of them have been hired (yield, a cohort measure), and hires made in
-- the month from the source as a share of all hires of the month (source of hire).
with apps as (
  select * from {{ ref('int_gold_applications') }}
),
exploded as (
  select *, 'company' as dimension_type, 'all' as dimension_id, 'All' as dimension_value from apps
  union all
  select *, 'source', cast(source_id as varchar), source_name from apps
  union all
  select *, 'source_type', source_type, source_type from apps
),
applied as (
  select
    cast(date_trunc('month', applied_date) as date) as period_month,
    dimension_type, dimension_id,
    count(*) as applications,
    count(*) filter (where is_hired) as applications_hired
  from exploded
  where applied_date <= {{ gold_as_of_date() }}
  group by all
),
hired as (
  select
    cast(date_trunc('month', hired_at) as date) as period_month,
    dimension_type, dimension_id,
    count(*) as hires
  from exploded
  where is_hired and hired_at is not null and cast(hired_at as date) <= {{ gold_as_of_date() }}
  group by all
),
labels as (
  select dimension_type, dimension_id, any_value(dimension_value) as dimension_value
  from exploded
  group by all
),
monthly as (
  select
    coalesce(a.period_month, h.period_month) as period_month,
    coalesce(a.dimension_type, h.dimension_type) as dimension_type,
    coalesce(a.dimension_id, h.dimension_id) as dimension_id,
    l.dimension_value,
    a.applications,
    a.applications_hired,
    h.hires
  from applied as a
  full join hired as h
    on h.period_month = a.period_month
   and h.dimension_type = a.dimension_type
   and h.dimension_id = a.dimension_id
  join labels as l
    on l.dimension_type = coalesce(a.dimension_type, h.dimension_type)
   and l.dimension_id = coalesce(a.dimension_id, h.dimension_id)
),
filled as (
  {{ gold_fill_months('monthly', counts=['applications', 'applications_hired', 'hires']) }}
)
select
  f.*,
  round({{ gold_ratio('f.applications_hired', 'f.applications') }}, 6) as source_yield,
  round({{ gold_ratio('f.hires', 'total.hires') }}, 6) as share_of_hires
from filled as f
left join filled as total
  on total.period_month = f.period_month and total.dimension_type = 'company'
