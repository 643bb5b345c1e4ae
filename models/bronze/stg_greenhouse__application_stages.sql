-- One row per live Greenhouse application stages record (latest landed version).
select
  {{ json_int('$.id') }} as stage_visit_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.job_interview_stage_id') }} as job_stage_id,
  {{ json_ts('$.entered_at') }} as entered_at,
  {{ json_ts('$.exited_at') }} as exited_at,
  {{ json_int('$.days_in_stage') }} as days_in_stage,
  coalesce({{ json_bool('$.current') }}, false) as is_current,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'application_stages')) }}) as latest
