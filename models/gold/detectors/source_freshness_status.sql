{%- set limits = var('source_freshness_hours', {
  'greenhouse': {'warn': 24, 'error': 48},
  'workday': {'warn': 24, 'error': 72}
}) -%}
-- Detector: stale sources. One row per connector stream with the last time a sync reached it
-- successfully (a 2xx/3xx call in bronze._api_calls) and the newest record it landed (bronze
-- pulled_at), their age at the reporting moment, and a status against the source's freshness
-- limits (var source_freshness_hours, by default the warn_after/error_after of the specs in
-- sources/: Greenhouse 24 h and 48 h, Workday 24 h and 72 h). A stream that never answered
-- successfully is an error.
with calls as (
  select
    source_system,
    split_part(stream, '.', 2) as stream,
    called_at,
    is_error
  from {{ ref('stg_hrflow__api_calls') }}
  where stream is not null
),
landed as (
  {%- for s in gold_bronze_streams() %}
  select {{ literal(s[0]) }} as source_system, {{ literal(s[1]) }} as stream,
    max(cast(timezone('UTC', pulled_at) as timestamp)) as last_pulled_at, count(*) as rows_landed
  from {{ source(s[0], s[1]) }}
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
),
streams as (
  select source_system, stream from calls
  union
  select source_system, stream from landed
),
summary as (
  select
    s.source_system,
    s.stream,
    max(c.called_at) filter (where not c.is_error) as last_success_at,
    max(c.called_at) filter (where c.is_error) as last_error_at,
    max(c.called_at) as last_call_at,
    any_value(l.last_pulled_at) as last_pulled_at,
    coalesce(any_value(l.rows_landed), 0) as rows_landed
  from streams as s
  left join calls as c on c.source_system = s.source_system and c.stream = s.stream
  left join landed as l on l.source_system = s.source_system and l.stream = s.stream
  group by all
),
limits as (
  {%- for source, limit in limits.items() %}
  select {{ literal(source) }} as source_system, {{ limit['warn'] }} as warn_after_hours,
    {{ limit['error'] }} as error_after_hours
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
),
aged as (
  select
    s.*,
    l.warn_after_hours,
    l.error_after_hours,
    {{ gold_as_of_timestamp() }} as checked_at,
    epoch({{ gold_as_of_timestamp() }} - coalesce(s.last_success_at, s.last_pulled_at)) / 3600.0
      as hours_since_success
  from summary as s
  left join limits as l on l.source_system = s.source_system
)
select
  source_system,
  stream,
  last_success_at,
  last_error_at,
  last_call_at,
  last_pulled_at,
  rows_landed,
  checked_at,
  round(hours_since_success, 2) as hours_since_success,
  warn_after_hours,
  error_after_hours,
  case
    when hours_since_success is null then 'error'
    when error_after_hours is not null and hours_since_success > error_after_hours then 'error'
    when warn_after_hours is not null and hours_since_success > warn_after_hours then 'warn'
    else 'ok'
  end as freshness_status,
  hours_since_success is null
    or (warn_after_hours is not null and hours_since_success > warn_after_hours) as is_stale
from aged
