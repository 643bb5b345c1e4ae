-- The latest landed version of every Greenhouse scorecards record, deleted ones included, merged
-- incrementally: only records with a version landed since the last build are parsed again.
{{ config(materialized='incremental', unique_key='landed_source_id', incremental_strategy='merge', on_schema_change='append_new_columns') }}
select
  source_id as landed_source_id,
  is_deleted as landed_is_deleted,
  pulled_at as landed_at,
  {{ json_int('$.id') }} as scorecard_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.interviewer_id') }} as interviewer_user_id,
  {{ json_int('$.submitter_id') }} as submitter_user_id,
  {{ json_str('$.candidate_rating') }} as candidate_rating,
  {{ json_str('$.status') }} as status,
  {{ json_ts('$.interviewed_at') }} as interviewed_at,
  {{ json_ts('$.submitted_at') }} as submitted_at,
  {{ json_ts('$.created_at') }} as created_at,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_landed_version(source('greenhouse', 'scorecards')) }}) as latest
