-- One row per Workday worker currently listed by common v1 /workers (terminated included).
select
  source_id as worker_id,
  {{ json_str('$.descriptor') }} as descriptor,
  {{ json_str('$.businessTitle') }} as business_title,
  {{ json_str('$.primaryWorkEmail') }} as work_email,
  {{ json_str('$.primaryWorkPhone') }} as work_phone,
  coalesce({{ json_bool('$.isManager') }}, false) as is_manager,
  {{ json_str('$.primarySupervisoryOrganization.id') }} as org_unit_id,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('workday', 'workers')) }}) as latest
