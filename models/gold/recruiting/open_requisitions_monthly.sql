-- Open requisitions and hiring velocity per month and breakdown, counting openings (headcount
-- slots of a job): open on the first day, opened, filled by a hire, closed without a hire, open
-- on the last day (the reporting date for the current month) and their mean age then. Hiring
-- velocity is the number of openings filled in the month; fill_rate relates it to the openings
-- the month had to work on.
with months as (
  select * from {{ ref('int_gold_months') }}
),
openings as (
  select
    cast(r.opened_at as date) as opened_on,
    case
      when r.offer_accepted_at is not null and r.is_filled_by_hire then cast(r.offer_accepted_at as date)
      else cast(r.closed_at as date)
    end as closed_on,
    r.is_filled_by_hire or r.offer_accepted_at is not null as is_filled,
    coalesce(cast(r.department_id as varchar), j.department_id) as department_id,
    coalesce(d.department_name, j.department_name) as department_name,
    coalesce(cast(r.office_id as varchar), j.office_id) as office_id,
    coalesce(o.office_name, j.office_name) as office_name,
    coalesce(cast(r.business_unit_id as varchar), j.business_unit_id) as business_unit_id,
    coalesce(bu.business_unit_name, j.business_unit_name) as business_unit_name,
    j.job_family,
    j.job_level
  from {{ ref('job_requisition') }} as r
  join {{ ref('int_gold_jobs') }} as j on j.job_id = r.job_id
  left join {{ ref('department') }} as d on d.department_id = r.department_id
  left join {{ ref('office') }} as o on o.office_id = r.office_id
  left join {{ ref('business_unit') }} as bu on bu.business_unit_id = r.business_unit_id
  where r.opened_at is not null
),
exploded as (
  {{ gold_explode_dimensions('openings', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    m.period_month,
    e.dimension_type,
    e.dimension_id,
    any_value(e.dimension_value) as dimension_value,
    count(*) filter (where e.opened_on < m.period_month
      and (e.closed_on is null or e.closed_on >= m.period_month)) as open_start,
    count(*) filter (where e.opened_on between m.period_month and m.period_end_capped) as opened,
    count(*) filter (where e.is_filled and e.closed_on between m.period_month and m.period_end_capped)
      as filled,
    count(*) filter (where not e.is_filled and e.closed_on between m.period_month and m.period_end_capped)
      as closed_unfilled,
    count(*) filter (where e.opened_on <= m.period_end_capped
      and (e.closed_on is null or e.closed_on > m.period_end_capped)) as open_end,
    avg(datediff('day', e.opened_on, m.period_end_capped)) filter (where e.opened_on <= m.period_end_capped
      and (e.closed_on is null or e.closed_on > m.period_end_capped)) as mean_open_age_days_end
  from exploded as e
  join months as m
    on e.opened_on <= m.period_end_capped
   and (e.closed_on is null or e.closed_on >= m.period_month)
  group by all
)
select
  period_month,
  period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  open_start,
  opened,
  filled,
  closed_unfilled,
  open_end,
  round(mean_open_age_days_end, 2) as mean_open_age_days_end,
  filled as hiring_velocity,
  round({{ gold_ratio('filled', 'open_start + opened') }}, 6) as fill_rate
from (
  {{ gold_fill_months('monthly', counts=['open_start', 'opened', 'filled', 'closed_unfilled', 'open_end'],
     values=['mean_open_age_days_end']) }}
) as grid
