-- The latest landed version of every Greenhouse applications record, deleted ones included, merged
-- incrementally: only records with a version landed since the last build are parsed again.
{{ config(materialized='incremental', unique_key='landed_source_id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select
  source_id as landed_source_id,
  is_deleted as landed_is_deleted,
  pulled_at as landed_at,
  {{ json_int('$.id') }} as application_id,
  {{ json_int('$.candidate_id') }} as candidate_id,
  {{ json_int('$.job_id') }} as job_id,
  {{ json_int('$.job_post_id') }} as job_post_id,
  {{ json_int('$.source_id') }} as source_id,
  {{ json_int('$.referrer_id') }} as referrer_id,
  {{ json_int('$.recruiter_id') }} as recruiter_user_id,
  {{ json_int('$.coordinator_id') }} as coordinator_user_id,
  {{ json_str('$.status') }} as status,
  coalesce({{ json_bool('$.prospect') }}, false) as is_prospect,
  {{ json_int('$.stage_id') }} as current_stage_id,
  {{ json_int('$.job_interview_stage_id') }} as current_job_stage_id,
  {{ json_str('$.stage_name') }} as current_stage_name,
  {{ json_int('$.rejection_reason_id') }} as rejection_reason_id,
  {{ json_str('$.location_address') }} as location_address,
  {{ json_bool('$.needs_decision') }} as needs_decision,
  {{ json_ts('$.created_at') }} as applied_at,
  {{ json_ts('$.rejected_at') }} as rejected_at,
  {{ json_ts('$.last_activity_at') }} as last_activity_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_landed_version(source('greenhouse', 'applications')) }}) as latest
