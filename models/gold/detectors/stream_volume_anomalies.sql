{%- set window = var('volume_baseline_runs', 5) -%}
-- Detector: volume drops per stream. Each run of a stream is compared with the median of its
-- previous var volume_baseline_runs runs (default 5):
-- - stream_failed: the run made calls and none succeeded;
-- - call_volume_drop: successful calls fell below half the baseline median, when that median
--   is at least 4 calls (full reads page through everything, so fewer pages means fewer records);
-- - mass_deletion: the run landed tombstones for at least a fifth of the records the stream
--   had ever landed, and at least 5.
with runs as (
  select
    *,
    median(calls_ok) over previous as baseline_calls_ok,
    count(*) over previous as baseline_runs,
    sum(rows_landed) over earlier as records_before
  from {{ ref('stream_volume_by_run') }}
  window
    previous as (partition by source_system, stream order by run_started_at, run_id
      rows between {{ window }} preceding and 1 preceding),
    earlier as (partition by source_system, stream order by run_started_at, run_id
      rows between unbounded preceding and 1 preceding)
)
select
  source_system,
  stream,
  run_id,
  run_started_at,
  case
    when calls_ok = 0 and calls_failed > 0 then 'stream_failed'
    when baseline_calls_ok >= 4 and calls_ok < 0.5 * baseline_calls_ok then 'call_volume_drop'
    else 'mass_deletion'
  end as anomaly_kind,
  calls_ok,
  calls_failed,
  rows_landed,
  rows_deleted,
  baseline_runs,
  baseline_calls_ok,
  records_before
from runs
where (calls_ok = 0 and calls_failed > 0)
   or (baseline_calls_ok >= 4 and calls_ok < 0.5 * baseline_calls_ok)
   or (rows_deleted >= 5 and rows_deleted >= 0.2 * coalesce(records_before, 0) and records_before > 0)
