-- One row per ended employment spell as currently known (a corrected termination date replaces
-- the earlier one: the latest version per worker and hire date wins).
select
  {{ surrogate_key(['worker_id', 'hire_date']) }} as worker_termination_key,
  worker_id,
  employee_id,
  case when lower(worker_type) like 'contingent%' then 'contingent' else 'employee' end as worker_type,
  hire_date,
  termination_date,
  termination_category,
  termination_reason,
  is_regrettable_termination,
  is_eligible_for_rehire,
  job_profile_name,
  location_name,
  org_descriptor as org_name
from (
  select
    t.*,
    row_number() over (partition by t.worker_id, t.hire_date order by t.version_from desc, t.termination_date desc) as version_rank
  from {{ ref('stg_workday__terminations_history') }} as t
  where t.version_to = {{ open_timestamp() }} and not t.is_deleted
) as latest
where version_rank = 1
