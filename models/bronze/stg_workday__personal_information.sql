-- The latest personal information (EEO included) of each Workday worker.
select
  source_id as worker_id,
  {{ json_str('$.id') }} as person_wid,
  {{ json_date('$.dateOfBirth') }} as date_of_birth,
  {{ json_str('$.gender.descriptor') }} as gender,
  {{ json_str('$.ethnicities[0].descriptor') }} as ethnicity,
  {{ json_bool('$.hispanicOrLatino') }} as is_hispanic_or_latino,
  {{ json_str('$.militaryServices[0].status.description') }} as veteran_status,
  {{ json_str('$.disabilityStatuses[0].disability.descriptor') }} as disability_status,
  {{ json_str('$.primaryNationality.descriptor') }} as nationality,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('workday', 'personal_information')) }}) as latest
