-- One row per live Greenhouse demographic answers record (latest landed version).
select
  {{ json_int('$.id') }} as demographic_answer_id,
  {{ json_int('$.application_id') }} as application_id,
  {{ json_int('$.demographic_question_id') }} as question_id,
  {{ json_int('$.demographic_answer_option_id') }} as answer_option_id,
  {{ json_str('$.free_form_text') }} as free_form_text,
  {{ json_ts('$.updated_at') }} as updated_at,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'demographic_answers')) }}) as latest
