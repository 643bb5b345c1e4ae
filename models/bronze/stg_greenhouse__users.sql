-- One row per live Greenhouse users record (latest landed version).
select
  {{ json_int('$.id') }} as user_id,
  {{ json_str('$.first_name') }} as first_name,
  {{ json_str('$.last_name') }} as last_name,
  {{ json_str('$.name') }} as full_name,
  {{ json_str('$.primary_email') }} as primary_email,
  {{ json_str('$.employee_id') }} as employee_id,
  {{ json_str('$.job_title') }} as job_title,
  coalesce({{ json_bool('$.site_admin') }}, false) as is_site_admin,
  coalesce({{ json_bool('$.deactivated') }}, false) as is_deactivated,
  {{ json_int('$.department_ids[0]') }} as department_id,
  {{ json_int('$.office_ids[0]') }} as office_id,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'users')) }}) as latest
