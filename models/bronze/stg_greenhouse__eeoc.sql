-- One row per live Greenhouse eeoc record (latest landed version).
select
  {{ json_int('$.id') }} as eeoc_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.candidate_id') }} as candidate_id,
  {{ json_str('$.gender.description') }} as gender,
  {{ json_str('$.race.description') }} as race,
  {{ json_str('$.veteran_status.description') }} as veteran_status,
  {{ json_str('$.disability_status.description') }} as disability_status,
  {{ json_ts('$.submitted_at') }} as submitted_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'eeoc')) }}) as latest
