-- Every position (primary job and each additional job) of every landed version of a worker's
-- staffing record: the jobs arrays unnested, one row per worker, version and position.
with jobs as (
  select
    worker_id, employee_id, worker_type_descriptor, effective_date, version_from, version_to,
    primary_job as job, true as is_primary
  from {{ ref('stg_workday__worker_details_history') }}
  where not is_deleted and primary_job is not null
  union all
  select
    worker_id, employee_id, worker_type_descriptor, effective_date, version_from, version_to,
    {{ hrflow.json_array_elements('additional_jobs') }} as job, false as is_primary
  from {{ ref('stg_workday__worker_details_history') }}
  where not is_deleted
)
select
  worker_id,
  employee_id,
  worker_type_descriptor,
  {{ json_str('$.id', 'job') }} as position_wid,
  regexp_extract({{ json_str('$.descriptor', 'job') }}, '^(P-[0-9]+)', 1) as position_code,
  is_primary,
  {{ json_str('$.businessTitle', 'job') }} as business_title,
  {{ json_str('$.jobProfile.id', 'job') }} as job_profile_id,
  {{ json_str('$.jobType.descriptor', 'job') }} as employee_type,
  {{ json_str('$.location.descriptor', 'job') }} as location_name,
  {{ json_str('$.location.country.descriptor', 'job') }} as country_name,
  {{ json_str('$.supervisoryOrganization.id', 'job') }} as org_unit_id,
  effective_date,
  version_from,
  version_to
from jobs
