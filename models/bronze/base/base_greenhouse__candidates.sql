-- The latest landed version of every Greenhouse candidates record, deleted ones included, merged
-- incrementally: only records with a version landed since the last build are parsed again.
{{ config(materialized='incremental', unique_key='landed_source_id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select
  source_id as landed_source_id,
  is_deleted as landed_is_deleted,
  pulled_at as landed_at,
  {{ json_int('$.id') }} as candidate_id,
  {{ json_str('$.first_name') }} as first_name,
  {{ json_str('$.last_name') }} as last_name,
  {{ json_str('$.preferred_name') }} as preferred_name,
  {{ json_str('$.company') }} as company,
  {{ json_str('$.title') }} as title,
  coalesce({{ json_bool('$.private') }}, false) as is_private,
  {{ json_bool('$.can_email') }} as can_email,
  {{ json_str('$.time_zone') }} as time_zone,
  {{ json_int('$.linked_user_ids[0]') }} as linked_user_id,
  nullif(array_to_string(cast(json_extract(payload, '$.tags') as varchar[]), '; '), '') as tags,
  {{ json_str('$.email_addresses[0].value') }} as email_raw,
  {{ json_str('$.email_addresses[0].type') }} as email_type,
  {{ json_str('$.phone_numbers[0].value') }} as phone_raw,
  {{ json_str('$.phone_numbers[0].type') }} as phone_type,
  {{ json_str('$.custom_fields.desired_salary.value') }} as desired_salary,
  {{ json_str('$.custom_fields.work_authorization.value') }} as work_authorization,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ json_ts('$.last_activity_at') }} as last_activity_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_landed_version(source('greenhouse', 'candidates')) }}) as latest
