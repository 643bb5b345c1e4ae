-- One row per live Greenhouse offers record (latest landed version).
select
  {{ json_int('$.id') }} as offer_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.candidate_id') }} as candidate_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_int('$.opening_id') }} as opening_id,
  {{ json_int('$.version') }} as version,
  lower({{ json_str('$.status') }}) as status,
  {{ json_date('$.sent_on') }} as sent_on,
  {{ json_date('$.starts_on') }} as starts_on,
  {{ json_ts('$.resolved_at') }} as resolved_at,
  {{ json_num('$.custom_fields.base_salary.value.amount') }} as base_salary,
  {{ json_str('$.custom_fields.base_salary.value.unit') }} as salary_currency,
  {{ json_str('$.custom_fields.offer_employment_type.value') }} as employment_type,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'offers')) }}) as latest
