-- One row per live Greenhouse demographic questions record (latest landed version).
select
  {{ json_int('$.id') }} as question_id,
  {{ json_str('$.name') }} as question,
  {{ json_int('$.demographic_question_set_id') }} as question_set_id,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'demographic_questions')) }}) as latest
