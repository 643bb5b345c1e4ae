-- M6 first-year (new-hire) turnover per hire cohort month and breakdown at hire: of the hires
-- of the month, how many separated within 365 days of their hire date.
with months as (
  select * from {{ ref('int_gold_months') }}
),
hires as (
  select
    *,
    termination_date is not null
      and termination_date <= cast(hire_date + interval 365 day as date)
      and termination_date - interval 1 day <= {{ gold_as_of_date() }} as left_in_first_year
  from {{ ref('int_gold_workforce_moves') }}
  where move_type = 'hire'
),
exploded as (
  {{ gold_explode_dimensions('hires', gold_workforce_dimensions()) }}
),
cohorts as (
  select
    dimension_type,
    dimension_id,
    cast(date_trunc('month', hire_date) as date) as period_month,
    any_value(dimension_value) as dimension_value,
    count(*) as hires,
    count(*) filter (where left_in_first_year) as first_year_separations,
    count(*) filter (where left_in_first_year and termination_category = 'voluntary')
      as first_year_separations_voluntary,
    count(*) filter (where left_in_first_year and termination_category = 'involuntary')
      as first_year_separations_involuntary
  from exploded
  group by all
),
members as (
  select dimension_type, dimension_id, min(period_month) as first_month,
    arg_max(dimension_value, period_month) as dimension_value
  from cohorts
  group by all
)
select
  m.period_month,
  mb.dimension_type,
  mb.dimension_id,
  mb.dimension_value,
  coalesce(c.hires, 0) as hires,
  coalesce(c.first_year_separations, 0) as first_year_separations,
  coalesce(c.first_year_separations_voluntary, 0) as first_year_separations_voluntary,
  coalesce(c.first_year_separations_involuntary, 0) as first_year_separations_involuntary,
  round({{ gold_ratio('c.first_year_separations', 'c.hires') }}, 6) as first_year_turnover_rate,
  cast(m.period_end + interval 365 day as date) <= m.as_of_date as is_mature,
  least(cast(m.period_end + interval 365 day as date), m.as_of_date) as observed_through
from members as mb
join months as m on m.period_month >= mb.first_month
left join cohorts as c
  on c.dimension_type = mb.dimension_type
 and c.dimension_id = mb.dimension_id
 and c.period_month = m.period_month
