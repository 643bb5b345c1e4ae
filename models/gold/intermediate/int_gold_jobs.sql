-- One row per Greenhouse job with its breakdowns resolved: department, primary office, business
-- unit, and the enterprise job family and level of the Workday job profile whose name the job
-- name starts with (Greenhouse jobs carry no job profile; "Data Analyst II, Payments" is the
-- profile "Data Analyst II"). Unmatched jobs have no family or level.
with profiles as (
  select
    lower(trim(job_profile_name)) as name_key,
    job_profile_id,
    job_family,
    job_level,
    job_level_rank
  from {{ ref('job_profile') }}
  where job_profile_name is not null
  qualify row_number() over (partition by lower(trim(job_profile_name)) order by is_inactive, job_profile_id) = 1
)
select
  j.job_id,
  j.job_name,
  j.requisition_id,
  j.status,
  j.opened_at,
  j.closed_at,
  cast(j.department_id as varchar) as department_id,
  d.department_name,
  cast(j.primary_office_id as varchar) as office_id,
  o.office_name,
  cast(j.business_unit_id as varchar) as business_unit_id,
  bu.business_unit_name,
  p.job_profile_id,
  p.job_family,
  p.job_level,
  p.job_level_rank
from {{ ref('job') }} as j
left join {{ ref('department') }} as d on d.department_id = j.department_id
left join {{ ref('office') }} as o on o.office_id = j.primary_office_id
left join {{ ref('business_unit') }} as bu on bu.business_unit_id = j.business_unit_id
left join profiles as p
  on p.name_key = lower(trim(split_part(j.job_name, ',', 1)))
