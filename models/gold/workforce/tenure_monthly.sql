-- M20 tenure of active workers at the end of each month (the reporting date for the current
-- month), per breakdown: mean days since the hire date of the current employment and the
-- number of workers in each tenure band.
select
  period_month,
  period_end_capped as period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  headcount_end as active_workers,
  round({{ gold_ratio('tenure_days_sum_end', 'headcount_end') }}, 2) as mean_tenure_days,
  round({{ gold_ratio('tenure_days_sum_end', 'headcount_end') }} / 365.25, 4) as mean_tenure_years,
  headcount_end - workers_tenure_1y_plus_end as workers_under_1y,
  workers_tenure_1y_plus_end - workers_tenure_5y_plus_end as workers_1_to_5y,
  workers_tenure_5y_plus_end - workers_tenure_10y_plus_end as workers_5_to_10y,
  workers_tenure_10y_plus_end - workers_tenure_20y_plus_end as workers_10_to_20y,
  workers_tenure_20y_plus_end - workers_tenure_30y_plus_end as workers_20_to_30y,
  workers_tenure_30y_plus_end as workers_30y_plus
from {{ ref('int_gold_workforce_monthly') }}
