-- One row per live Greenhouse job.
select
  j.job_id,
  j.job_name,
  j.requisition_id,
  j.status,
  j.is_confidential,
  j.is_template,
  j.department_id,
  j.primary_office_id,
  j.office_ids,
  md5(lower(j.business_unit_name)) as business_unit_id,
  j.employment_type,
  j.salary_min,
  j.salary_max,
  j.salary_currency,
  j.opened_at,
  j.closed_at,
  j.created_at,
  j.updated_at
from {{ ref('stg_greenhouse__jobs') }} as j
