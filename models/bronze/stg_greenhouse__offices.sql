-- One row per live Greenhouse offices record (latest landed version).
select
  {{ json_int('$.id') }} as office_id,
  {{ json_str('$.name') }} as office_name,
  {{ json_str('$.location') }} as location,
  {{ json_int('$.parent_id') }} as parent_office_id,
  {{ json_str('$.external_id') }} as external_id,
  {{ json_int('$.primary_in_house_contact_user_id') }} as contact_user_id,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'offices')) }}) as latest
