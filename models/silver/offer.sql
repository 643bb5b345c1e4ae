-- One row per offer version of a live application.
select
  f.offer_id,
  f.application_id,
  f.candidate_id,
  f.job_id,
  f.opening_id as job_requisition_id,
  f.version,
  f.version = max(f.version) over (partition by f.application_id) as is_latest_version,
  f.status,
  f.sent_on,
  f.starts_on,
  f.resolved_at,
  f.base_salary,
  f.salary_currency,
  f.employment_type,
  f.created_at,
  f.updated_at
from {{ ref('stg_greenhouse__offers') }} as f
join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = f.application_id
