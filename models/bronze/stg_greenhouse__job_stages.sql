-- One row per live Greenhouse job stages record (latest landed version).
select
  {{ json_int('$.id') }} as job_stage_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_str('$.name') }} as stage_name,
  {{ json_int('$.sort_order') }} as stage_sort_order,
  coalesce({{ json_bool('$.active') }}, true) as is_active,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'job_stages')) }}) as latest
