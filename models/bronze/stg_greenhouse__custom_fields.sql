-- One row per live Greenhouse custom fields record (latest landed version).
select
  {{ json_int('$.id') }} as custom_field_id,
  {{ json_str('$.name') }} as custom_field_name,
  {{ json_str('$.name_key') }} as name_key,
  {{ json_str('$.field_type') }} as field_type,
  {{ json_str('$.value_type') }} as value_type,
  coalesce({{ json_bool('$.active') }}, true) as is_active,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'custom_fields')) }}) as latest
