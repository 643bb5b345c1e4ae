-- M1 headcount and M2 FTE per month and breakdown: at the first day, at the last day (the
-- reporting date for the current month) and averaged over the days of the month.
select
  period_month,
  period_end_capped as period_end,
  days_in_period,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  headcount_start,
  headcount_end,
  round(headcount_avg, 4) as headcount_avg,
  round(fte_start, 4) as fte_start,
  round(fte_end, 4) as fte_end,
  round(fte_avg, 4) as fte_avg
from {{ ref('int_gold_workforce_monthly') }}
