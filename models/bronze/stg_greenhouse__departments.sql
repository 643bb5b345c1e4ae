-- One row per live Greenhouse departments record (latest landed version).
select
  {{ json_int('$.id') }} as department_id,
  {{ json_str('$.name') }} as department_name,
  {{ json_int('$.parent_id') }} as parent_department_id,
  {{ json_str('$.external_id') }} as external_id,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'departments')) }}) as latest
