-- One row per HTTP call the connectors made (bronze._api_calls), times in UTC.
select
  source_system,
  stream,
  method,
  endpoint,
  http_status,
  latency_ms,
  retry_count,
  rate_limit_remaining,
  run_id,
  timezone('UTC', called_at) as called_at,
  error,
  http_status >= 400 or error is not null as is_error
from {{ source('hrflow_bronze', '_api_calls') }}
