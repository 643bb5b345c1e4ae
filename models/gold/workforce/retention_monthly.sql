-- M5 retention per month and breakdown: of the workers active on the first day of the month
-- (in the breakdown they were in that day), the share whose employment was still active on the
-- last day (the reporting date for the current month).
select
  period_month,
  period_end_capped as period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  headcount_start,
  headcount_start - start_cohort_separations as retained,
  round({{ gold_ratio('headcount_start - start_cohort_separations', 'headcount_start') }}, 6)
    as retention_rate
from {{ ref('int_gold_workforce_monthly') }}
