-- The latest landed version of every Greenhouse interviews record, deleted ones included, merged
-- incrementally: only records with a version landed since the last build are parsed again.
{{ config(materialized='incremental', unique_key='landed_source_id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select
  source_id as landed_source_id,
  is_deleted as landed_is_deleted,
  pulled_at as landed_at,
  {{ json_int('$.id') }} as interview_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_int('$.job_interview_id') }} as job_interview_id,
  {{ json_str('$.status') }} as status,
  {{ json_ts('$.starts_at') }} as starts_at,
  {{ json_ts('$.ends_at') }} as ends_at,
  {{ json_date('$.all_day_start_on') }} as all_day_start_on,
  {{ json_int('$.organizer_id') }} as organizer_user_id,
  {{ json_str('$.location') }} as location,
  {{ json_ts('$.scheduled_at') }} as scheduled_at,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_landed_version(source('greenhouse', 'scheduled_interviews')) }}) as latest
