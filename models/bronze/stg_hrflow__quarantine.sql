-- One row per record that failed its stream schema (bronze._quarantine), times in UTC.
select
  source_system,
  entity,
  source_id,
  timezone('UTC', pulled_at) as pulled_at,
  run_id,
  endpoint,
  reason,
  payload
from {{ source('hrflow_bronze', '_quarantine') }}
