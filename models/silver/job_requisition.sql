-- One row per Greenhouse opening with its job's attributes and, once filled, time to fill.
with accepted as (
  select application_id, max(resolved_at) as offer_accepted_at
  from {{ ref('stg_greenhouse__offers') }}
  where status = 'accepted'
  group by application_id
)
select
  o.opening_id as job_requisition_id,
  o.opening_external_id,
  o.job_id,
  j.requisition_id,
  j.job_name,
  j.status as job_status,
  j.department_id,
  j.primary_office_id as office_id,
  md5(lower(j.business_unit_name)) as business_unit_id,
  o.headcount_type,
  o.is_open,
  o.opened_at,
  o.closed_at,
  o.target_start_on,
  o.close_reason_id,
  cr.close_reason_name,
  coalesce(cr.close_reason_name like 'Hire -%', false) as is_filled_by_hire,
  case when a.application_id is not null then o.hired_application_id end as hired_application_id,
  acc.offer_accepted_at,
  {{ dbt.datediff('o.opened_at', 'acc.offer_accepted_at', 'day') }} as days_to_fill,
  o.updated_at,
  o.pulled_at
from {{ ref('stg_greenhouse__openings') }} as o
join {{ ref('stg_greenhouse__jobs') }} as j on j.job_id = o.job_id
left join {{ ref('stg_greenhouse__close_reasons') }} as cr on cr.close_reason_id = o.close_reason_id
left join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = o.hired_application_id
left join accepted as acc on acc.application_id = a.application_id
