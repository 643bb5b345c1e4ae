-- One row per live Greenhouse custom field options record (latest landed version).
select
  {{ json_int('$.id') }} as custom_field_option_id,
  {{ json_int('$.custom_field_id') }} as custom_field_id,
  {{ json_str('$.name') }} as option_name,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'custom_field_options')) }}) as latest
