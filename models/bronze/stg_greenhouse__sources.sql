-- One row per live Greenhouse sources record (latest landed version).
select
  {{ json_int('$.id') }} as source_id,
  {{ json_str('$.name') }} as source_name,
  {{ json_str('$.type.name') }} as source_type,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'sources')) }}) as latest
