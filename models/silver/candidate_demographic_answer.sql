-- One row per answer to an organisation-defined demographic question.
select
  d.demographic_answer_id,
  d.application_id,
  d.question_id,
  q.question,
  d.answer_option_id,
  o.answer,
  d.free_form_text,
  coalesce(o.is_decline, false) as is_declined,
  d.updated_at
from {{ ref('stg_greenhouse__demographic_answers') }} as d
left join {{ ref('stg_greenhouse__demographic_questions') }} as q on q.question_id = d.question_id
left join {{ ref('stg_greenhouse__demographic_answer_options') }} as o on o.answer_option_id = d.answer_option_id
