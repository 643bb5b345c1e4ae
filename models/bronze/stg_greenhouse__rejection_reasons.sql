-- One row per live Greenhouse rejection reasons record (latest landed version).
select
  {{ json_int('$.id') }} as rejection_reason_id,
  {{ json_str('$.name') }} as rejection_reason_name,
  lower({{ json_str('$.type.key') }}) as rejection_reason_type,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'rejection_reasons')) }}) as latest
