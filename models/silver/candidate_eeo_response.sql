-- One row per EEOC form of a live application.
select e.eeoc_id, e.application_id, e.candidate_id, e.gender, e.race, e.veteran_status,
  e.disability_status, e.submitted_at, e.updated_at
from {{ ref('stg_greenhouse__eeoc') }} as e
join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = e.application_id
