-- One row per Workday job profile with the enterprise family and level of its code.
select
  p.job_profile_id,
  p.job_profile_code,
  p.job_profile_name,
  p.workday_job_family,
  p.management_level,
  m.job_family,
  m.job_function,
  m.job_level,
  m.job_level_rank,
  m.career_track,
  m.job_profile_code is not null as is_mapped,
  p.is_inactive
from {{ ref('stg_workday__job_profiles') }} as p
left join {{ ref('workday_job_profile_map') }} as m on m.job_profile_code = p.job_profile_code
