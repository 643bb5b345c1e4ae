-- One row per live Greenhouse job posts record (latest landed version).
select
  {{ json_int('$.id') }} as job_post_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_str('$.title') }} as title,
  coalesce({{ json_bool('$.internal') }}, false) as is_internal,
  coalesce({{ json_bool('$.active') }}, true) as is_active,
  coalesce({{ json_bool('$.live') }}, false) as is_live,
  {{ json_ts('$.first_published_at') }} as first_published_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'job_posts')) }}) as latest
