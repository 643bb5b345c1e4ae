-- M3 turnover and M4 voluntary, involuntary and regretted turnover per month and breakdown
-- (SHRM: separations in the month over the average headcount of the month; the annual rate is
-- the sum of twelve monthly rates).
with monthly as (
  select
    *,
    {{ gold_ratio('separations', 'headcount_avg') }} as turnover_rate,
    {{ gold_ratio('separations_voluntary', 'headcount_avg') }} as voluntary_turnover_rate,
    {{ gold_ratio('separations_involuntary', 'headcount_avg') }} as involuntary_turnover_rate,
    {{ gold_ratio('separations_regretted', 'headcount_avg') }} as regretted_turnover_rate
  from {{ ref('int_gold_workforce_monthly') }}
)
select
  period_month,
  period_end_capped as period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  separations,
  separations_voluntary,
  separations_involuntary,
  separations_regretted,
  round(headcount_avg, 4) as headcount_avg,
  round(turnover_rate, 6) as turnover_rate,
  round(voluntary_turnover_rate, 6) as voluntary_turnover_rate,
  round(involuntary_turnover_rate, 6) as involuntary_turnover_rate,
  round(regretted_turnover_rate, 6) as regretted_turnover_rate,
  {%- for rate in ['turnover_rate', 'voluntary_turnover_rate', 'involuntary_turnover_rate', 'regretted_turnover_rate'] %}
  case when count({{ rate }}) over last_12 = 12
    then round(sum({{ rate }}) over last_12, 6) end as {{ rate }}_trailing_12m
  {%- if not loop.last %},{% endif %}
  {%- endfor %}
from monthly
window last_12 as (
  partition by dimension_type, dimension_id
  order by period_month
  range between interval 11 month preceding and current row
)
