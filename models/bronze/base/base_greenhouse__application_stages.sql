-- The latest landed version of every Greenhouse application stages record, deleted ones included, merged
-- incrementally: only records with a version landed since the last build are parsed again.
{{ config(materialized='incremental', unique_key='landed_source_id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select
  source_id as landed_source_id,
  is_deleted as landed_is_deleted,
  pulled_at as landed_at,
  {{ json_int('$.id') }} as stage_visit_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.job_interview_stage_id') }} as job_stage_id,
  {{ json_ts('$.entered_at') }} as entered_at,
  {{ json_ts('$.exited_at') }} as exited_at,
  {{ json_int('$.days_in_stage') }} as days_in_stage,
  coalesce({{ json_bool('$.current') }}, false) as is_current,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_landed_version(source('greenhouse', 'application_stages')) }}) as latest
