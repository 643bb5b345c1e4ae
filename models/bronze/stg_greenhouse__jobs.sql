-- One row per live Greenhouse jobs record (latest landed version).
select
  {{ json_int('$.id') }} as job_id,
  {{ json_str('$.name') }} as job_name,
  {{ json_str('$.requisition_id') }} as requisition_id,
  {{ json_str('$.status') }} as status,
  coalesce({{ json_bool('$.confidential') }}, false) as is_confidential,
  coalesce({{ json_bool('$.is_template') }}, false) as is_template,
  {{ json_int('$.copied_from_id') }} as copied_from_job_id,
  {{ json_int('$.department_id') }} as department_id,
  {{ json_int('$.office_ids[0]') }} as primary_office_id,
  array_to_string(cast(json_extract(payload, '$.office_ids') as varchar[]), ',') as office_ids,
  {{ json_str('$.custom_fields.business_unit.value') }} as business_unit_name,
  {{ json_str('$.custom_fields.employment_type.value') }} as employment_type,
  {{ json_num('$.custom_fields.salary_range.value.min_value') }} as salary_min,
  {{ json_num('$.custom_fields.salary_range.value.max_value') }} as salary_max,
  {{ json_str('$.custom_fields.salary_range.value.unit') }} as salary_currency,
  {{ json_ts('$.opened_at') }} as opened_at,
  {{ json_ts('$.closed_at') }} as closed_at,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'jobs')) }}) as latest
