-- M19 hires and net change per month and breakdown.
select
  period_month,
  period_end_capped as period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  hires,
  separations,
  hires - separations as net_change,
  headcount_start,
  headcount_end
from {{ ref('int_gold_workforce_monthly') }}
