-- One row per scorecard of a live application, with the rating on a 1–4 scale.
select
  s.scorecard_id,
  s.application_id,
  a.candidate_id,
  s.interviewer_user_id,
  s.submitter_user_id,
  s.candidate_rating,
  case s.candidate_rating when 'strong_no' then 1 when 'no' then 2 when 'yes' then 3 when 'strong_yes' then 4 end as rating_score,
  s.status,
  s.interviewed_at,
  s.submitted_at,
  s.created_at,
  s.updated_at
from {{ ref('stg_greenhouse__scorecards') }} as s
join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = s.application_id
