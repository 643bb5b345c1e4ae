-- One row per live Greenhouse job posts deleted record (latest landed version).
select
  {{ json_int('$.id') }} as job_post_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_str('$.title') }} as title,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'job_posts_deleted')) }}) as latest
