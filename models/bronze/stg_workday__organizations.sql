-- One row per Workday supervisory organisation (inactive ones included).
select
  source_id as org_unit_id,
  {{ json_str('$.code') }} as org_code,
  {{ json_str('$.name') }} as org_name,
  {{ json_str('$.descriptor') }} as descriptor,
  {{ json_str('$.superiorOrganization.id') }} as superior_org_unit_id,
  {{ json_str('$.managers[0].id') }} as manager_worker_id,
  coalesce({{ json_bool('$.inactive') }}, false) as is_inactive,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('workday', 'organizations')) }}) as latest
