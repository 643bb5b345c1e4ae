{#-
  Helpers for the bronze staging views: typed reads from the raw `payload` JSON and the two
  shapes every staging view takes of a landed stream (latest version, full history).
-#}

{#- A text field of `payload` at a JSON path such as '$.type.key'. -#}
{% macro json_str(path, json='payload') -%}
  nullif(trim({{ hrflow.json_text(json, path) }}), '')
{%- endmacro %}

{% macro json_int(path, json='payload') -%}
  {{ dbt.safe_cast(hrflow.json_text(json, path), 'bigint') }}
{%- endmacro %}

{% macro json_num(path, json='payload') -%}
  {{ dbt.safe_cast(hrflow.json_text(json, path), 'double') }}
{%- endmacro %}

{% macro json_bool(path, json='payload') -%}
  {{ dbt.safe_cast(hrflow.json_text(json, path), 'boolean') }}
{%- endmacro %}

{#- RaaS reports send booleans as '1'/'0'. -#}
{% macro json_flag(path, json='payload') -%}
  ({{ hrflow.json_text(json, path) }} = '1')
{%- endmacro %}

{#- An ISO-8601 moment with any offset, as a UTC timestamp. -#}
{% macro json_ts(path, json='payload') -%}
  {{ hrflow.to_utc_timestamp(hrflow.json_text(json, path)) }}
{%- endmacro %}

{#- A date-only value; a trailing UTC offset (Workday's 2021-03-15-07:00) keeps its calendar day. -#}
{% macro json_date(path, json='payload') -%}
  {{ hrflow.to_date('substr(' ~ hrflow.json_text(json, path) ~ ', 1, 10)') }}
{%- endmacro %}

{#-
  The latest landed version of each record of a stream, tombstones dropped: a stream keeps
  several rows per source_id over time (one per changed payload, and a row with is_deleted when
  the record disappeared).
-#}
{% macro latest_version(relation) -%}
select *
from (
  select
    b.*,
    row_number() over (partition by b.source_id order by b.pulled_at desc, b.load_seq desc) as version_rank
  from {{ relation }} as b
) as versions
where versions.version_rank = 1 and not versions.is_deleted
{%- endmacro %}

{#-
  The latest landed version of each record of a stream, tombstones kept, for an incremental
  model merging on `landed_source_id` (the stream's source_id) that keeps `landed_at` (the raw
  `pulled_at`). On an incremental run only the records with a version landed since the newest
  one the model holds are ranked again; landing times come from hrflow's loader, which stamps
  rows as they arrive and lands them in the order the cursor advances, so no lookback is needed
  while syncs and builds take turns. Where an ingester lands rows while a build runs, set var
  `bronze_lookback_minutes` to the longest time a landed batch waits for its commit.
-#}
{% macro latest_landed_version(relation) -%}
select *
from (
  select
    b.*,
    row_number() over (partition by b.source_id order by b.pulled_at desc, b.load_seq desc) as version_rank
  from {{ relation }} as b
  {%- if is_incremental() %}
  where b.source_id in (
    select source_id from {{ relation }}
    where pulled_at > (
      select coalesce(max(landed_at), cast('1900-01-01' as timestamp))
        - {{ var('bronze_lookback_minutes', 0) }} * interval 1 minute
      from {{ this }}
    )
  )
  {%- endif %}
) as versions
where versions.version_rank = 1
{%- endmacro %}

{#-
  Every landed version of each record with the interval hrflow held it, [version_from,
  version_to); tombstones are kept (is_deleted) so a deletion closes what came before.
-#}
{% macro version_history(relation) -%}
select
  b.*,
  {{ utc('b.pulled_at') }} as version_from,
  coalesce(
    lead({{ utc('b.pulled_at') }}) over (partition by b.source_id order by b.pulled_at, b.load_seq),
    {{ open_timestamp() }}
  ) as version_to
from {{ relation }} as b
{%- endmacro %}

{#- The open end of a recorded-time range. -#}
{% macro open_timestamp() -%}
  cast('9999-12-31 00:00:00' as timestamp)
{%- endmacro %}

{#- The open end of a valid-time range. -#}
{% macro open_date() -%}
  cast('9999-12-31' as date)
{%- endmacro %}

{#- A landed timestamp with time zone as a UTC timestamp. -#}
{% macro utc(expr) -%}
  {{ adapter.dispatch('utc')(expr) }}
{%- endmacro %}
{% macro default__utc(expr) -%}timezone('UTC', {{ expr }}){%- endmacro %}
{% macro spark__utc(expr) -%}{{ expr }}{%- endmacro %}
