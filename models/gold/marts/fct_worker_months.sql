-- One row per employee and month they were employed on any day of (to the reporting date), for
-- the dashboards' workforce and separation datasets: breakdowns on their last employed day of
-- the month, tenure band then, and whether the month holds a hire or a separation of theirs.
with months as (
  select * from {{ ref('int_gold_months') }}
),
rows as (
  select * from {{ ref('int_gold_workforce_rows') }} where is_primary
),
months_employed as (
  select
    r.*,
    m.period_month,
    least(m.period_end_capped, cast(r.effective_to - interval 1 day as date)) as last_day_in_month
  from rows as r
  join months as m
    on r.effective_from <= m.period_end_capped and r.effective_to > m.period_month
  qualify row_number() over (
    partition by r.worker_id, m.period_month order by r.effective_from desc
  ) = 1
),
moves as (
  select
    worker_id,
    cast(date_trunc('month', move_date) as date) as period_month,
    bool_or(move_type = 'hire') as is_hire,
    bool_or(move_type = 'separation') as is_separation,
    max(case when move_type = 'separation' then termination_category end) as termination_category,
    bool_or(move_type = 'separation' and is_regrettable_termination) as is_regretted
  from {{ ref('int_gold_workforce_moves') }}
  where move_type in ('hire', 'separation')
  group by all
)
select
  e.worker_id,
  e.period_month as month,
  coalesce(e.business_unit_name, '(none)') as business_unit,
  coalesce(e.department_name, '(none)') as department,
  coalesce(e.office_name, '(none)') as office,
  coalesce(e.job_family, '(none)') as job_family,
  coalesce(e.job_level, '(none)') as job_level,
  e.fte,
  {{ gold_tenure_band('e.hire_date', 'e.last_day_in_month') }} as tenure_band,
  coalesce(mv.is_hire, false) as is_hire,
  coalesce(mv.is_separation, false) as is_separation,
  case when mv.is_separation then e.termination_reason end as separation_reason,
  case when mv.is_separation then e.termination_category end as separation_category,
  coalesce(mv.is_separation and e.termination_category = 'voluntary', false) as is_voluntary,
  coalesce(mv.is_regretted, false) as is_regretted
from months_employed as e
left join moves as mv on mv.worker_id = e.worker_id and mv.period_month = e.period_month
