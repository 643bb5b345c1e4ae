-- One row per Workday worker (employees and contingent workers, former ones included), for the
-- dashboards' roster, representation and hire-cohort datasets: breakdowns of the primary
-- position as known now (the one held on the reporting date, else the last one), personal and
-- EEO data as Workday holds them, the latest hire and whether that spell ended within a year.
with assignments as (
  select
    a.*,
    cast(a.department_id as varchar) as department_key
  from {{ ref('worker_assignment') }} as a
  where a.is_current_record and a.is_primary and a.effective_from <= {{ gold_as_of_date() }}
  qualify row_number() over (partition by a.worker_id order by a.effective_from desc) = 1
),
offices as (
  select office_name, lower(trim(coalesce(location, office_name))) as location_key
  from {{ ref('office') }}
  qualify row_number() over (partition by lower(trim(coalesce(location, office_name))) order by office_id) = 1
)
select
  w.worker_id,
  w.employee_id,
  w.person_id,
  w.worker_type,
  w.full_name,
  w.work_email as email,
  -- national ids and home addresses are not ingested; the columns exist for the roster
  cast(null as varchar) as ssn,
  w.date_of_birth,
  cast(null as varchar) as home_address,
  coalesce(bu.business_unit_name, '(none)') as business_unit,
  coalesce(d.department_name, '(none)') as department,
  coalesce(o.office_name, a.location_name, '(none)') as office,
  coalesce(jp.job_family, '(none)') as job_family,
  coalesce(jp.job_level, '(none)') as level,
  {{ gold_demographic_group('w.gender') }} as gender,
  {{ gold_demographic_group('w.ethnicity') }} as ethnicity,
  coalesce(a.hire_date, w.hire_date) as hired_on,
  cast(year(coalesce(a.hire_date, w.hire_date)) as varchar) as hire_cohort,
  a.termination_date,
  coalesce(
    a.termination_date is not null
      and a.termination_date <= cast(a.hire_date + interval 365 day as date)
      and a.termination_date - interval 1 day <= {{ gold_as_of_date() }},
    false
  ) as separated_within_first_year,
  coalesce(
    a.counts_in_headcount
      and a.effective_from <= {{ gold_as_of_date() }}
      and {{ gold_as_of_date() }} < a.effective_to,
    false
  ) as is_active,
  w.employment_status
from {{ ref('worker') }} as w
left join assignments as a on a.worker_id = w.worker_id
left join {{ ref('department') }} as d on d.department_id = a.department_id
left join {{ ref('business_unit') }} as bu on bu.business_unit_id = a.business_unit_id
left join {{ ref('job_profile') }} as jp on jp.job_profile_id = a.job_profile_id
left join offices as o on o.location_key = lower(trim(a.location_name))
