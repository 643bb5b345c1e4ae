-- Every landed version of each worker's service dates, with the interval hrflow held it.
select
  source_id as worker_id,
  {{ json_date('$.hireDate') }} as hire_date,
  {{ json_date('$.continuousServiceDate') }} as continuous_service_date,
  is_deleted,
  {{ utc('pulled_at') }} as pulled_at,
  version_from,
  version_to
from ({{ version_history(source('workday', 'worker_service_dates')) }}) as history
