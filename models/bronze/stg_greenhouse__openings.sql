-- One row per live Greenhouse openings record (latest landed version).
select
  {{ json_int('$.id') }} as opening_id,
  {{ json_str('$.opening_id') }} as opening_external_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_int('$.application_id') }} as hired_application_id,
  {{ json_int('$.close_reason_id') }} as close_reason_id,
  coalesce({{ json_bool('$.open') }}, {{ json_str('$.closed_at') }} is null) as is_open,
  {{ json_str('$.custom_fields.headcount_type.value') }} as headcount_type,
  {{ json_date('$.target_start_on') }} as target_start_on,
  {{ json_ts('$.opened_at') }} as opened_at,
  {{ json_ts('$.closed_at') }} as closed_at,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'openings')) }}) as latest
