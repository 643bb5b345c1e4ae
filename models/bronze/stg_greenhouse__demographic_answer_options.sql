-- One row per live Greenhouse demographic answer options record (latest landed version).
select
  {{ json_int('$.id') }} as answer_option_id,
  {{ json_int('$.demographic_question_id') }} as question_id,
  {{ json_str('$.name') }} as answer,
  coalesce({{ json_bool('$.decline_to_answer') }}, false) as is_decline,
  coalesce({{ json_bool('$.free_form') }}, false) as is_free_form,
  {{ utc('pulled_at') }} as pulled_at
from ({{ latest_version(source('greenhouse', 'demographic_answer_options')) }}) as latest
