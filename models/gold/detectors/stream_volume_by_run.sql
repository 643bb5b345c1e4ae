-- Volume per connector stream and sync run: successful and failed HTTP calls
-- (bronze._api_calls) and the bronze rows the run landed (changed records and tombstones).
with calls as (
  select
    source_system,
    split_part(stream, '.', 2) as stream,
    run_id,
    min(called_at) as run_started_at,
    count(*) filter (where not is_error) as calls_ok,
    count(*) filter (where is_error) as calls_failed
  from {{ ref('stg_hrflow__api_calls') }}
  where stream is not null
  group by all
),
landed as (
  {%- for s in gold_bronze_streams() %}
  select {{ literal(s[0]) }} as source_system, {{ literal(s[1]) }} as stream, run_id,
    min(cast(timezone('UTC', pulled_at) as timestamp)) as first_pulled_at,
    count(*) filter (where not is_deleted) as rows_landed,
    count(*) filter (where is_deleted) as rows_deleted
  from {{ source(s[0], s[1]) }}
  group by run_id
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
),
runs as (
  select source_system, stream, run_id from calls
  union
  select source_system, stream, run_id from landed
)
select
  r.source_system,
  r.stream,
  r.run_id,
  coalesce(c.run_started_at, l.first_pulled_at) as run_started_at,
  coalesce(c.calls_ok, 0) as calls_ok,
  coalesce(c.calls_failed, 0) as calls_failed,
  coalesce(l.rows_landed, 0) as rows_landed,
  coalesce(l.rows_deleted, 0) as rows_deleted
from runs as r
left join calls as c
  on c.source_system = r.source_system and c.stream = r.stream and c.run_id = r.run_id
left join landed as l
  on l.source_system = r.source_system and l.stream = r.stream and l.run_id = r.run_id
