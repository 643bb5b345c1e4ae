-- Every landed version of each Workday worker's staffing record (primary and additional jobs),
-- with the interval hrflow held it; deletions are versions with is_deleted.
select
  source_id as worker_id,
  {{ json_str('$.workerId') }} as employee_id,
  lower({{ json_str('$.workerType.descriptor') }}) as worker_type_descriptor,
  {{ json_str('$.person.id') }} as person_wid,
  {{ json_str('$.person.email') }} as work_email,
  {{ json_str('$.person.phone') }} as work_phone,
  json_extract(payload, '$.primaryJob') as primary_job,
  json_extract(payload, '$.additionalJobs') as additional_jobs,
  is_deleted,
  effective_date,
  {{ utc('pulled_at') }} as pulled_at,
  version_from,
  version_to
from ({{ version_history(source('workday', 'worker_details')) }}) as history
