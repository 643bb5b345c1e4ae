-- M13 stage conversion per month of entry into a stage, stage and breakdown: of the
-- applications that entered the stage in the month, the share that reached any later stage
-- (hire included). Cohorts are built from stage history, so a skipped stage does not lower the
-- conversion of the stage before it.
with entries as (
  select *
  from {{ ref('int_gold_stage_entries') }}
  where enterprise_stage <> 'hired' and cast(entered_at as date) <= {{ gold_as_of_date() }}
),
exploded as (
  {{ gold_explode_dimensions('entries', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', entered_at) as date) as period_month,
    dimension_type,
    dimension_id,
    enterprise_stage as stage,
    any_value(enterprise_stage_order) as stage_order,
    any_value(dimension_value) as dimension_value,
    count(*) as entered,
    count(*) filter (where stage_outcome = 'advanced') as advanced,
    count(*) filter (where stage_outcome = 'rejected') as rejected_in_stage,
    count(*) filter (where stage_outcome = 'withdrawn') as withdrawn_in_stage,
    count(*) filter (where stage_outcome = 'in_stage') as still_in_stage
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
  entered,
  advanced,
  rejected_in_stage,
  withdrawn_in_stage,
  still_in_stage,
  round({{ gold_ratio('advanced', 'entered') }}, 6) as conversion_rate,
  round({{ gold_ratio('advanced', 'entered - still_in_stage') }}, 6) as conversion_rate_decided
from (
  {{ gold_fill_months('monthly', counts=['entered', 'advanced', 'rejected_in_stage',
     'withdrawn_in_stage', 'still_in_stage'], keys=['stage']) }}
) as grid
