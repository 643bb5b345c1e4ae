-- One row per live Greenhouse scorecards record (latest landed version).
select
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
from ({{ latest_version(source('greenhouse', 'scorecards')) }}) as latest
