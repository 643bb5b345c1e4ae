-- One row per live Greenhouse close reasons record (latest landed version).
select
  {{ json_int('$.id') }} as close_reason_id,
  {{ json_str('$.name') }} as close_reason_name,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'close_reasons')) }}) as latest
