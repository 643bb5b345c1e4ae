-- Representation cells at each month end, suppressed: workers per self-reported group of each
-- attribute, per breakdown, before labels and ratios (representation_monthly adds those). The
-- unsuppressed counts (workers_counted) are cheap to work out for every month; small-group
-- suppression is not, so an incremental run suppresses only the months whose counts changed
-- (macro gold_changed_months) and replaces them whole.
{{ config(
    materialized='incremental',
    unique_key='period_month',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook='{{ gold_drop_months_off_spine() }}'
) }}
{%- set count_columns = ['period_month', 'attribute', 'dimension_type', 'dimension_id', 'group_value', 'workers_counted'] %}
with months as (
  select * from {{ ref('int_gold_months') }}
),
bounds as (
  select min(period_month) as first_month, max(period_end_capped) as as_of_date from months
),
events as (
  select e.attribute, e.group_value, e.dimension_type, e.dimension_id,
    greatest(e.event_date, b.first_month) as event_date, e.delta
  from {{ ref('int_gold_representation_events') }} as e
  cross join bounds as b
  where e.event_date <= b.as_of_date
),
event_months as (
  select e.attribute, e.group_value, e.dimension_type, e.dimension_id, m.period_month,
    sum(e.delta) as delta
  from events as e
  join months as m on m.period_month = date_trunc('month', e.event_date)
  group by all
),
keys as (
  select attribute, group_value, dimension_type, dimension_id, min(period_month) as first_month
  from event_months
  group by all
),
cells as (
  select
    m.period_month,
    k.attribute,
    k.dimension_type,
    k.dimension_id,
    k.group_value,
    sum(em.delta) over (
      partition by k.attribute, k.group_value, k.dimension_type, k.dimension_id
      order by m.period_month rows between unbounded preceding and current row
    ) as workers_counted
  from keys as k
  join months as m on m.period_month >= k.first_month
  left join event_months as em
    on em.attribute = k.attribute
   and em.group_value = k.group_value
   and em.dimension_type = k.dimension_type
   and em.dimension_id = k.dimension_id
   and em.period_month = m.period_month
),
present as (
  select * from cells where workers_counted > 0
),
rebuilt_months as (
  {%- if is_incremental() %}
  {{ gold_changed_months('present', count_columns,
       stored_where='not is_month_marker and workers_counted > 0') }}
  union
  {{ gold_months_without_marker('months') }}
  {%- else %}
  select period_month from months
  {%- endif %}
),
rebuilt as (
  select p.*, p.workers_counted as workers
  from present as p
  where p.period_month in (select period_month from rebuilt_months)
),
suppressed as (
  {{ suppress_small_groups('rebuilt', 'workers',
       partition_by=['period_month', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
),
counted as (
  -- the suppressed grid holds every group of a partition, zeros included
  select s.*, coalesce(r.workers_counted, 0) as workers_counted
  from suppressed as s
  left join rebuilt as r
    on r.period_month = s.period_month
   and r.attribute = s.attribute
   and r.dimension_type = s.dimension_type
   and r.dimension_id = s.dimension_id
   and r.group_value = s.group_value
)
select
  period_month,
  attribute,
  dimension_type,
  dimension_id,
  group_value,
  workers_counted,
  workers,
  is_suppressed,
  row_total,
  max(case when group_value = 'unknown' then workers end) over row_cells as unknown_workers,
  bool_or(group_value = 'unknown' and is_suppressed) over row_cells as unknown_hidden,
  false as is_month_marker
from counted
window row_cells as (partition by period_month, attribute, dimension_type, dimension_id)
union all
{{ gold_month_markers('rebuilt_months', ['attribute', 'dimension_type', 'dimension_id', 'group_value',
     'workers_counted', 'workers', 'is_suppressed', 'row_total', 'unknown_workers', 'unknown_hidden']) }}
