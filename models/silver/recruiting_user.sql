-- One row per Greenhouse user, with the Workday worker of its employee id.
select
  u.user_id,
  u.first_name,
  u.last_name,
  u.full_name,
  {{ normalize_email('u.primary_email') }} as email,
  u.employee_id,
  w.worker_id,
  l.person_id,
  u.job_title,
  u.is_site_admin,
  u.is_deactivated,
  coalesce(u.primary_email, '') = '' as is_service_account,
  u.created_at,
  u.updated_at
from {{ ref('stg_greenhouse__users') }} as u
left join {{ ref('identity_worker_contact') }} as w on w.employee_id = u.employee_id
left join {{ ref('person_source_link') }} as l
  on l.source_entity = 'user' and l.source_id = cast(u.user_id as {{ dbt.type_string() }})
