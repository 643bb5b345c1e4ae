-- One row per opening (a headcount slot of a Greenhouse job), for the dashboards' requisition
-- datasets: breakdowns by name, opened, filled and closed dates, status and days to fill.
select
  r.job_requisition_id as requisition_id,
  j.requisition_id as requisition_code,
  r.job_id,
  j.job_name as title,
  coalesce(bu.business_unit_name, j.business_unit_name, '(none)') as business_unit,
  coalesce(d.department_name, j.department_name, '(none)') as department,
  coalesce(o.office_name, j.office_name, '(none)') as office,
  coalesce(j.job_family, '(none)') as job_family,
  coalesce(j.job_level, '(none)') as job_level,
  r.opened_at,
  r.closed_at,
  r.offer_accepted_at as filled_at,
  case
    when r.offer_accepted_at is not null or r.is_filled_by_hire then 'filled'
    when r.is_open or r.closed_at is null then 'open'
    else 'closed'
  end as status,
  r.hired_application_id,
  case when r.offer_accepted_at is not null
    then {{ gold_days_between('r.opened_at', 'r.offer_accepted_at') }} end as days_to_fill
from {{ ref('job_requisition') }} as r
join {{ ref('int_gold_jobs') }} as j on j.job_id = r.job_id
left join {{ ref('department') }} as d on d.department_id = r.department_id
left join {{ ref('office') }} as o on o.office_id = r.office_id
left join {{ ref('business_unit') }} as bu on bu.business_unit_id = r.business_unit_id
