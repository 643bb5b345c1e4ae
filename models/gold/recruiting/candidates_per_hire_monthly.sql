-- M16 candidates per hire per month and breakdown: applications received in the month, and
-- those that reached a screen or later (qualified), over hires made in the month.
with apps as (
  select * from {{ ref('int_gold_applications') }}
),
exploded as (
  {{ gold_explode_dimensions('apps', gold_recruiting_dimensions()) }}
),
applied as (
  select
    cast(date_trunc('month', applied_date) as date) as period_month,
    dimension_type, dimension_id,
    any_value(dimension_value) as dimension_value,
    count(*) as applications,
    count(*) filter (where reached_screen) as qualified_applications,
    0 as hires
  from exploded
  where applied_date <= {{ gold_as_of_date() }}
  group by all
),
hired as (
  select
    cast(date_trunc('month', hired_at) as date) as period_month,
    dimension_type, dimension_id,
    any_value(dimension_value) as dimension_value,
    0 as applications,
    0 as qualified_applications,
    count(*) as hires
  from exploded
  where is_hired and hired_at is not null and cast(hired_at as date) <= {{ gold_as_of_date() }}
  group by all
),
monthly as (
  select
    period_month, dimension_type, dimension_id,
    any_value(dimension_value) as dimension_value,
    sum(applications) as applications,
    sum(qualified_applications) as qualified_applications,
    sum(hires) as hires
  from (select * from applied union all select * from hired) as u
  group by all
)
select
  *,
  round({{ gold_ratio('applications', 'hires') }}, 4) as candidates_per_hire,
  round({{ gold_ratio('qualified_applications', 'hires') }}, 4) as qualified_candidates_per_hire
from (
  {{ gold_fill_months('monthly', counts=['applications', 'qualified_applications', 'hires']) }}
) as grid
