-- One row per application and enterprise stage it reached (applied, screen, assessment,
-- interview, offer, and hired for applications that were hired): when it first entered the
-- stage, when it left (its first entry into a later stage, or the end of its last visit when
-- the application ended there) and how it left. Built from stage history, not current stage.
with visits as (
  select
    h.application_id,
    h.enterprise_stage,
    h.enterprise_stage_order,
    h.entered_at,
    h.exited_at,
    h.is_current
  from {{ ref('application_stage_history') }} as h
  where h.enterprise_stage_order between 1 and 5 and h.entered_at is not null
),
hired as (
  select application_id, 'hired' as enterprise_stage, 6 as enterprise_stage_order,
    hired_at as entered_at, cast(null as timestamp) as exited_at, false as is_current
  from {{ ref('int_gold_applications') }}
  where is_hired and hired_at is not null
),
stages as (
  select
    application_id,
    enterprise_stage,
    enterprise_stage_order,
    min(entered_at) as entered_at,
    max(exited_at) as last_exited_at,
    bool_or(is_current) as is_current
  from (select * from visits union all select * from hired) as v
  group by all
),
with_next as (
  select
    s.*,
    min(s.entered_at) over (
      partition by s.application_id order by s.enterprise_stage_order
      rows between 1 following and unbounded following
    ) as next_stage_entered_at
  from stages as s
)
select
  w.application_id,
  w.enterprise_stage,
  w.enterprise_stage_order,
  w.entered_at,
  case
    when w.next_stage_entered_at is not null then 'advanced'
    when w.enterprise_stage = 'hired' then 'hired'
    when w.is_current and a.status = 'in_process' then 'in_stage'
    when a.outcome_enterprise_stage = 'withdrawn' then 'withdrawn'
    when a.status = 'rejected' then 'rejected'
    else 'in_stage'
  end as stage_outcome,
  case
    when w.next_stage_entered_at is not null then w.next_stage_entered_at
    when w.enterprise_stage = 'hired' then null
    when w.is_current and a.status = 'in_process' then null
    else coalesce(w.last_exited_at, a.rejected_at)
  end as left_at,
  a.department_id, a.department_name, a.office_id, a.office_name,
  a.business_unit_id, a.business_unit_name, a.job_family, a.job_level
from with_next as w
join {{ ref('int_gold_applications') }} as a on a.application_id = w.application_id
