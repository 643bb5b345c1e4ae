-- Every landed version of every RaaS termination row (keyed by employee and termination date),
-- with the interval hrflow held it. A corrected termination date lands under a new key.
select
  {{ json_str('$.Worker_WID') }} as worker_id,
  {{ json_str('$.Employee_ID') }} as employee_id,
  {{ json_str('$.Worker_Type') }} as worker_type,
  {{ json_date('$.Hire_Date') }} as hire_date,
  {{ json_date('$.Termination_Date') }} as termination_date,
  {{ json_date('$.Last_Day_of_Work') }} as last_day_of_work,
  case
    when lower({{ json_str('$.Primary_Termination_Category') }}) like '%involuntary' then 'involuntary'
    when lower({{ json_str('$.Primary_Termination_Category') }}) like '%voluntary' then 'voluntary'
  end as termination_category,
  {{ json_str('$.Primary_Termination_Reason') }} as termination_reason,
  {{ json_flag('$.Regrettable') }} as is_regrettable_termination,
  {{ json_flag('$.Eligible_for_Rehire') }} as is_eligible_for_rehire,
  {{ json_str('$.Job_Profile') }} as job_profile_name,
  {{ json_str('$.Location') }} as location_name,
  {{ json_str('$.Supervisory_Organization') }} as org_descriptor,
  {{ json_str('$.Legal_First_Name') }} as legal_first_name,
  {{ json_str('$.Legal_Last_Name') }} as legal_last_name,
  source_id,
  is_deleted,
  {{ utc('pulled_at') }} as pulled_at,
  version_from,
  version_to
from ({{ version_history(source('workday', 'terminations')) }}) as history
