-- Headcount assignments as known now: one row per worker and valid-time interval of the primary
-- position, employees only (contingent workers do not count in headcount), with every
-- breakdown resolved to an id and a label, and the total FTE of the worker's positions.
with assignments as (
  select *
  from {{ ref('worker_assignment') }}
  where is_current_record and counts_in_headcount
),
offices as (
  select
    cast(office_id as varchar) as office_id,
    office_name,
    lower(trim(coalesce(location, office_name))) as location_key
  from {{ ref('office') }}
  qualify row_number() over (partition by lower(trim(coalesce(location, office_name))) order by office_id) = 1
)
select
  a.worker_id,
  a.person_id,
  a.position_id,
  a.is_primary,
  a.effective_from,
  a.effective_to,
  a.hire_date,
  a.termination_date,
  a.termination_category,
  a.termination_reason,
  coalesce(a.is_regrettable_termination, false) as is_regrettable_termination,
  coalesce(a.fte, 1.0) as fte,
  cast(a.department_id as varchar) as department_id,
  d.department_name,
  coalesce(o.office_id, a.location_name) as office_id,
  coalesce(o.office_name, a.location_name) as office_name,
  cast(a.business_unit_id as varchar) as business_unit_id,
  bu.business_unit_name,
  jp.job_family,
  jp.job_level,
  jp.job_level_rank
from assignments as a
left join {{ ref('department') }} as d on d.department_id = a.department_id
left join {{ ref('business_unit') }} as bu on bu.business_unit_id = a.business_unit_id
left join {{ ref('job_profile') }} as jp on jp.job_profile_id = a.job_profile_id
left join offices as o on o.location_key = lower(trim(a.location_name))
