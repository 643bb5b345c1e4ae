-- One row per Workday job profile (inactive ones included).
select
  source_id as job_profile_id,
  {{ json_str('$.jobLevel.descriptor') }} as job_profile_code,
  {{ json_str('$.name') }} as job_profile_name,
  {{ json_str('$.jobFamilies[0].name') }} as workday_job_family,
  {{ json_str('$.jobFamilies[0].id') }} as workday_job_family_id,
  {{ json_str('$.managementLevel.descriptor') }} as management_level,
  coalesce({{ json_bool('$.inactive') }}, false) as is_inactive,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('workday', 'job_profiles')) }}) as latest
