-- M14 time in stage per month of leaving a stage, stage and breakdown: days an application
-- spent in the stage's visits (a visit without an exit ends at the hire or the rejection),
-- over the applications whose last visit of the stage ended in the month. Applications still
-- in the stage are not counted.
with exits as (
  select *
  from {{ ref('int_gold_stage_entries') }}
  where left_at is not null
    and enterprise_stage <> 'hired'
    and cast(left_at as date) <= {{ gold_as_of_date() }}
),
exploded as (
  {{ gold_explode_dimensions('exits', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', left_at) as date) as period_month,
    dimension_type,
    dimension_id,
    enterprise_stage as stage,
    any_value(dimension_value) as dimension_value,
    count(*) as exits,
    -- summed as decimals: a double sum depends on the order parallel aggregation adds in, and
    -- rounding to 3 places can then tip a mean either way between two builds of the same data
    round(avg(cast(days_in_stage as decimal(18, 6))), 3) as mean_days_in_stage,
    round(median(days_in_stage), 3) as median_days_in_stage,
    round(max(days_in_stage), 3) as max_days_in_stage
  from exploded
  group by all
)
select
  period_month,
  period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  stage,
  {{ gold_stage_order('stage') }} as stage_order,
  exits,
  mean_days_in_stage,
  median_days_in_stage,
  max_days_in_stage
from (
  {{ gold_fill_months('monthly', counts=['exits'],
     values=['mean_days_in_stage', 'median_days_in_stage', 'max_days_in_stage'], keys=['stage']) }}
) as grid
