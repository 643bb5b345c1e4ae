-- One row per application and enterprise stage it reached (applied, screen, assessment,
-- interview, offer, and hired for applications that were hired), from stage history: when it
-- first entered the stage, the days it spent in the stage's visits, when it last left them,
-- and how the stage ended for it. Interview plans do not always follow the enterprise order
-- (an assessment after the hiring-manager interview), so "advanced" means entering a stage of
-- a higher enterprise order at or after first entering this one, and time in stage adds up the
-- stage's own visits. A visit with no exit ends when its application was hired or rejected,
-- and is still open while the application is in process.
with apps as (
  select * from {{ ref('int_gold_applications') }}
),
visits as (
  select
    h.application_id,
    h.enterprise_stage,
    h.enterprise_stage_order,
    h.entered_at,
    case
      when h.exited_at is not null then h.exited_at
      when a.status = 'hired' then a.hired_at
      when a.status = 'rejected' then a.rejected_at
    end as left_at
  from {{ ref('application_stage_history') }} as h
  join apps as a on a.application_id = h.application_id
  where h.enterprise_stage_order between 1 and 5 and h.entered_at is not null
),
hired as (
  select application_id, 'hired' as enterprise_stage, 6 as enterprise_stage_order,
    hired_at as entered_at, hired_at as left_at
  from apps
  where is_hired and hired_at is not null
),
all_visits as (
  select * from visits
  union all
  select * from hired
),
stages as (
  select
    application_id,
    enterprise_stage,
    enterprise_stage_order,
    min(entered_at) as entered_at,
    max(left_at) as left_at,
    bool_or(left_at is null) as is_open,
    sum(epoch(left_at - entered_at)) / 86400.0 as days_in_stage
  from all_visits
  group by all
),
advanced as (
  select s.application_id, s.enterprise_stage, min(v.entered_at) as advanced_at
  from stages as s
  join all_visits as v
    on v.application_id = s.application_id
   and v.enterprise_stage_order > s.enterprise_stage_order
   and v.entered_at >= s.entered_at
  group by all
)
select
  s.application_id,
  s.enterprise_stage,
  s.enterprise_stage_order,
  s.entered_at,
  case
    when s.enterprise_stage = 'hired' then 'hired'
    when adv.advanced_at is not null then 'advanced'
    when s.is_open or a.status = 'in_process' then 'in_stage'
    when a.outcome_enterprise_stage = 'withdrawn' then 'withdrawn'
    when a.status = 'rejected' then 'rejected'
    else 'in_stage'
  end as stage_outcome,
  adv.advanced_at,
  case when not s.is_open then s.left_at end as left_at,
  case when not s.is_open then s.days_in_stage end as days_in_stage,
  a.department_id, a.department_name, a.office_id, a.office_name,
  a.business_unit_id, a.business_unit_name, a.job_family, a.job_level
from stages as s
join apps as a on a.application_id = s.application_id
left join advanced as adv
  on adv.application_id = s.application_id and adv.enterprise_stage = s.enterprise_stage
