{%- set thresholds = [1, 5, 10, 20, 30] -%}
-- Workforce stock and flows per month and breakdown: headcount and FTE at the start, at the end
-- and averaged over the days of the month, tenure at the end, hires and separations. The base
-- of the workforce metric tables; one row per breakdown value from the first month it had
-- anyone, so months without movement appear with zero flows.
with months as (
  select * from {{ ref('int_gold_months') }}
),
bounds as (
  select min(period_month) as first_month, max(period_end_capped) as as_of_date from months
),
events as (
  select
    e.dimension_type,
    e.dimension_id,
    greatest(e.event_date, b.first_month) as event_date,
    e.d_headcount,
    e.d_fte,
    e.d_hire_days
    {%- for x in thresholds %},
    e.d_tenure_{{ x }}y
    {%- endfor %}
  from {{ ref('int_gold_workforce_events') }} as e
  cross join bounds as b
  where e.event_date <= b.as_of_date
),
event_months as (
  select
    e.dimension_type,
    e.dimension_id,
    m.period_month,
    sum(case when e.event_date = m.period_month then e.d_headcount else 0 end) as hc_first_day,
    sum(e.d_headcount) as hc_month,
    sum(case when e.event_date > m.period_month
      then e.d_headcount * (datediff('day', e.event_date, m.period_end_capped) + 1) else 0 end)
      as hc_weighted,
    sum(case when e.event_date = m.period_month then e.d_fte else 0 end) as fte_first_day,
    sum(e.d_fte) as fte_month,
    sum(case when e.event_date > m.period_month
      then e.d_fte * (datediff('day', e.event_date, m.period_end_capped) + 1) else 0 end)
      as fte_weighted,
    sum(e.d_hire_days) as hire_days_month
    {%- for x in thresholds %},
    sum(e.d_tenure_{{ x }}y) as tenure_{{ x }}y_month
    {%- endfor %}
  from events as e
  join months as m on m.period_month = date_trunc('month', e.event_date)
  group by all
),
moves as (
  {{ gold_explode_dimensions(ref('int_gold_workforce_moves'), gold_workforce_dimensions()) }}
),
move_months as (
  select
    dimension_type,
    dimension_id,
    cast(date_trunc('month', move_date) as date) as period_month,
    count(*) filter (where move_type = 'hire') as hires,
    count(*) filter (where move_type = 'separation') as separations,
    count(*) filter (where move_type = 'separation' and termination_category = 'voluntary')
      as separations_voluntary,
    count(*) filter (where move_type = 'separation' and termination_category = 'involuntary')
      as separations_involuntary,
    count(*) filter (where move_type = 'separation' and is_regrettable_termination)
      as separations_regretted,
    count(*) filter (where move_type = 'start_cohort_separation') as start_cohort_separations
  from moves
  group by all
),
labels as (
  select dimension_type, dimension_id, arg_max(dimension_value, event_date) as dimension_value
  from {{ ref('int_gold_workforce_events') }}
  group by all
  union all
  select 'company', 'all', 'All'
),
members as (
  select dimension_type, dimension_id, min(period_month) as first_month
  from (
    select dimension_type, dimension_id, period_month from event_months
    union all
    select dimension_type, dimension_id, period_month from move_months
    union all
    select 'company', 'all', first_month from bounds
  ) as seen
  group by all
),
grid as (
  select mb.dimension_type, mb.dimension_id, m.*
  from members as mb
  join months as m on m.period_month >= mb.first_month
),
stock as (
  select
    g.*,
    coalesce(em.hc_first_day, 0) as hc_first_day,
    coalesce(em.hc_month, 0) as hc_month,
    coalesce(em.hc_weighted, 0) as hc_weighted,
    coalesce(em.fte_first_day, 0) as fte_first_day,
    coalesce(em.fte_month, 0) as fte_month,
    coalesce(em.fte_weighted, 0) as fte_weighted,
    coalesce(sum(em.hc_month) over before, 0) as hc_before,
    coalesce(sum(em.fte_month) over before, 0) as fte_before,
    coalesce(sum(em.hire_days_month) over upto, 0) as hire_days_end
    {%- for x in thresholds %},
    coalesce(sum(em.tenure_{{ x }}y_month) over upto, 0) as tenure_{{ x }}y_end
    {%- endfor %}
  from grid as g
  left join event_months as em
    on em.dimension_type = g.dimension_type
   and em.dimension_id = g.dimension_id
   and em.period_month = g.period_month
  window
    before as (partition by g.dimension_type, g.dimension_id order by g.period_month
      rows between unbounded preceding and 1 preceding),
    upto as (partition by g.dimension_type, g.dimension_id order by g.period_month
      rows between unbounded preceding and current row)
)
select
  s.period_month,
  s.period_end_capped,
  s.days_in_period,
  s.is_complete_period,
  s.dimension_type,
  s.dimension_id,
  coalesce(l.dimension_value, s.dimension_id) as dimension_value,
  cast(s.hc_before + s.hc_first_day as bigint) as headcount_start,
  cast(s.hc_before + s.hc_month as bigint) as headcount_end,
  (s.hc_before + s.hc_first_day) + s.hc_weighted / s.days_in_period as headcount_avg,
  s.fte_before + s.fte_first_day as fte_start,
  s.fte_before + s.fte_month as fte_end,
  (s.fte_before + s.fte_first_day) + s.fte_weighted / s.days_in_period as fte_avg,
  case when s.hc_before + s.hc_month > 0
    then (s.hc_before + s.hc_month) * datediff('day', date '1970-01-01', s.period_end_capped)
      - s.hire_days_end
  end as tenure_days_sum_end
  {%- for x in thresholds %},
  cast(s.tenure_{{ x }}y_end as bigint) as workers_tenure_{{ x }}y_plus_end
  {%- endfor %},
  coalesce(mm.hires, 0) as hires,
  coalesce(mm.separations, 0) as separations,
  coalesce(mm.separations_voluntary, 0) as separations_voluntary,
  coalesce(mm.separations_involuntary, 0) as separations_involuntary,
  coalesce(mm.separations_regretted, 0) as separations_regretted,
  coalesce(mm.start_cohort_separations, 0) as start_cohort_separations
from stock as s
left join move_months as mm
  on mm.dimension_type = s.dimension_type
 and mm.dimension_id = s.dimension_id
 and mm.period_month = s.period_month
left join (
  select dimension_type, dimension_id, any_value(dimension_value) as dimension_value
  from labels group by all
) as l
  on l.dimension_type = s.dimension_type and l.dimension_id = s.dimension_id
