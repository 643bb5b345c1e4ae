-- M17 representation at each month end (the reporting date for the current month): workers per
-- self-reported group of each attribute, per breakdown, as a share of the workers whose value
-- is known. Counts below var min_group_size, and the counts that would give them away, are
-- hidden by macro suppress_small_groups.
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
    ) as workers
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
  select * from cells where workers > 0
),
suppressed as (
  {{ suppress_small_groups('present', 'workers',
       partition_by=['period_month', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
),
labels as (
  select dimension_type, dimension_id, arg_max(dimension_value, event_date) as dimension_value
  from {{ ref('int_gold_representation_events') }}
  group by all
),
with_known as (
  select
    s.*,
    max(case when s.group_value = 'unknown' then s.workers end) over row_cells as unknown_workers,
    bool_or(s.group_value = 'unknown' and s.is_suppressed) over row_cells as unknown_hidden
  from suppressed as s
  window row_cells as (partition by s.period_month, s.attribute, s.dimension_type, s.dimension_id)
)
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
from with_known as k
join months as m on m.period_month = k.period_month
left join labels as l on l.dimension_type = k.dimension_type and l.dimension_id = k.dimension_id
