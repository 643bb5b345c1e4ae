-- Every landed version of every RaaS hire row (one per worker and hire date, future-dated hires
-- included), with the interval hrflow held it; a hire that disappears gets a deleted version.
select
  coalesce({{ json_str('$.Worker_WID') }}, split_part(source_id, '|', 1)) as worker_id,
  {{ json_str('$.Employee_ID') }} as employee_id,
  {{ json_str('$.Worker_Type') }} as worker_type,
  coalesce({{ json_date('$.Hire_Date') }}, {{ hrflow.to_date("split_part(source_id, '|', 2)") }}) as hire_date,
  {{ json_str('$.Hire_Reason') }} as hire_reason,
  coalesce({{ json_flag('$.Hire_Rescinded') }}, false) as is_rescinded,
  {{ json_str('$.Legal_First_Name') }} as legal_first_name,
  {{ json_str('$.Legal_Last_Name') }} as legal_last_name,
  {{ json_str('$.Preferred_Name') }} as preferred_first_name,
  {{ json_str('$.Personal_Email') }} as personal_email,
  {{ json_str('$.Work_Email') }} as work_email,
  {{ json_str('$.Business_Title') }} as business_title,
  {{ json_str('$.Job_Profile') }} as job_profile_name,
  {{ json_str('$.Supervisory_Organization') }} as org_descriptor,
  {{ json_str('$.Location') }} as location_name,
  {{ json_ts('$.Entry_Moment') }} as entry_moment,
  source_id,
  is_deleted,
  {{ utc('pulled_at') }} as pulled_at,
  version_from,
  version_to
from ({{ version_history(source('workday', 'hires')) }}) as history
