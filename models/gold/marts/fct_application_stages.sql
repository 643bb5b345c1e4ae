-- One row per application and enterprise stage it reached, from stage history, for the
-- dashboards' funnel: when it entered, when it left, days spent in the stage's visits and how
-- the stage ended (advanced, hired, rejected, withdrawn, in_stage).
select
  e.application_id,
  e.enterprise_stage as stage_name,
  e.enterprise_stage_order as stage_order,
  e.entered_at,
  e.left_at,
  e.days_in_stage,
  e.stage_outcome,
  coalesce(e.business_unit_name, '(none)') as business_unit,
  coalesce(e.department_name, '(none)') as department,
  coalesce(e.office_name, '(none)') as office,
  coalesce(e.job_family, '(none)') as job_family,
  coalesce(e.job_level, '(none)') as job_level
from {{ ref('int_gold_stage_entries') }} as e
