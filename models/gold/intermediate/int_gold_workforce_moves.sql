-- Movements into and out of headcount, as known now: one row per hire (the first day of an
-- employment spell), per separation (the last day employed of a spell that ended on or before
-- the reporting date) and, for each separation, per start-of-month cohort it leaves (a spell
-- that was active on the first day of the month of its last day). Each row carries the
-- breakdowns of the primary assignment at that moment.
with rows as (
  select * from {{ ref('int_gold_workforce_rows') }} where is_primary
),
as_of as (
  select {{ gold_as_of_date() }} as as_of_date
),
hires as (
  select r.*
  from rows as r
  cross join as_of
  where r.effective_from = r.hire_date and r.hire_date <= as_of.as_of_date
),
separations as (
  select r.*, cast(r.termination_date - interval 1 day as date) as last_day_employed
  from rows as r
  cross join as_of
  where r.termination_date is not null
    and r.effective_to = r.termination_date
    and r.termination_date - interval 1 day <= as_of.as_of_date
)
select
  'hire' as move_type,
  h.hire_date as move_date,
  h.worker_id,
  h.hire_date,
  h.termination_date,
  h.termination_category,
  h.is_regrettable_termination,
  h.department_id, h.department_name, h.office_id, h.office_name,
  h.business_unit_id, h.business_unit_name, h.job_family, h.job_level
from hires as h
union all
select
  'separation' as move_type,
  s.last_day_employed as move_date,
  s.worker_id,
  s.hire_date,
  s.termination_date,
  s.termination_category,
  s.is_regrettable_termination,
  s.department_id, s.department_name, s.office_id, s.office_name,
  s.business_unit_id, s.business_unit_name, s.job_family, s.job_level
from separations as s
union all
select
  'start_cohort_separation' as move_type,
  s.last_day_employed as move_date,
  s.worker_id,
  s.hire_date,
  s.termination_date,
  s.termination_category,
  s.is_regrettable_termination,
  r.department_id, r.department_name, r.office_id, r.office_name,
  r.business_unit_id, r.business_unit_name, r.job_family, r.job_level
from separations as s
join rows as r
  on r.worker_id = s.worker_id
 and r.hire_date = s.hire_date
 and r.effective_from <= date_trunc('month', s.last_day_employed)
 and date_trunc('month', s.last_day_employed) < r.effective_to
