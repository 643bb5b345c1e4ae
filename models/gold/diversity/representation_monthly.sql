-- M17 representation at each month end (the reporting date for the current month): workers per
-- self-reported group of each attribute, per breakdown, as a share of the workers whose value
-- is known. Counts below var min_group_size, and the counts that would give them away, are
-- hidden by macro suppress_small_groups (in int_gold_representation_cells, which suppresses
-- only the months whose counts changed since the last build). An incremental run writes only
-- the months whose rows differ from the table's (macro gold_changed_months): new counts, a new
-- label of a breakdown value, or the current month's end moving with the reporting date.
{{ config(
    materialized='incremental',
    unique_key='period_month',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="delete from {{ this }} where period_month not in (
      select period_month from {{ ref('int_gold_representation_cells') }} where not is_month_marker)"
) }}
with months as (
  select * from {{ ref('int_gold_months') }}
),
labels as (
  select dimension_type, dimension_id, arg_max(dimension_value, event_date) as dimension_value
  from {{ ref('int_gold_representation_events') }}
  group by all
),
representation as (
  select
    k.period_month,
    m.period_end_capped as period_end,
    m.is_complete_period,
    k.attribute,
    k.dimension_type,
    k.dimension_id,
    case when k.dimension_type = 'company' then 'All' else coalesce(l.dimension_value, k.dimension_id) end
      as dimension_value,
    k.group_value,
    k.workers,
    k.is_suppressed,
    k.row_total as population,
    case when not k.unknown_hidden then k.row_total - coalesce(k.unknown_workers, 0) end
      as known_population,
    case when k.group_value <> 'unknown' and not k.unknown_hidden then
      round({{ gold_ratio('k.workers', 'k.row_total - coalesce(k.unknown_workers, 0)') }}, 6)
    end as share_of_known
  from {{ ref('int_gold_representation_cells') }} as k
  join months as m on m.period_month = k.period_month
  left join labels as l on l.dimension_type = k.dimension_type and l.dimension_id = k.dimension_id
  where not k.is_month_marker
)
select * from representation
{%- if is_incremental() %}
where period_month in (
  {{ gold_changed_months('representation', ['period_month', 'period_end', 'is_complete_period',
       'attribute', 'dimension_type', 'dimension_id', 'dimension_value', 'group_value', 'workers',
       'is_suppressed', 'population', 'known_population', 'share_of_known']) }}
)
{%- endif %}
