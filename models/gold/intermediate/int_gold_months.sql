-- One row per calendar month from the first month with workforce or recruiting data (or var
-- metrics_start_month) to the month holding the reporting date (macro gold_as_of_date). The
-- current month is cut at the reporting date.
with bounds as (
  select
    {%- if var('metrics_start_month', none) %}
    date_trunc('month', cast({{ literal(var('metrics_start_month') | string) }} as date)) as first_month,
    {%- else %}
    date_trunc('month', least(
      (select min(effective_from) from {{ ref('worker_assignment') }}
        where is_current_record and counts_in_headcount),
      (select min(cast(applied_at as date)) from {{ ref('application') }}),
      (select min(cast(opened_at as date)) from {{ ref('job_requisition') }}),
      {{ gold_as_of_date() }}
    )) as first_month,
    {%- endif %}
    {{ gold_as_of_date() }} as as_of_date
),
spine as (
  {{ date_spine('month',
       '(select first_month from bounds)',
       "(select date_trunc('month', as_of_date) + interval 1 month from bounds)",
       'period_month') }}
)
select
  spine.period_month,
  cast(spine.period_month + interval 1 month - interval 1 day as date) as period_end,
  least(cast(spine.period_month + interval 1 month - interval 1 day as date), bounds.as_of_date)
    as period_end_capped,
  datediff('day', spine.period_month,
    least(cast(spine.period_month + interval 1 month - interval 1 day as date), bounds.as_of_date)) + 1
    as days_in_period,
  cast(spine.period_month + interval 1 month - interval 1 day as date) <= bounds.as_of_date
    as is_complete_period,
  bounds.as_of_date
from spine
cross join bounds
