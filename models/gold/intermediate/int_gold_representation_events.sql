-- Day-level changes of headcount per breakdown and demographic group, for representation at
-- month ends (representation_monthly): one +1 on the first day of each headcount row and a -1 on
-- the day after it, per self-reported attribute of the worker.
with rows as (
  select
    r.*,
    {{ gold_demographic_group('w.gender') }} as gender,
    {{ gold_demographic_group('w.ethnicity') }} as ethnicity,
    {{ gold_demographic_group('w.veteran_status') }} as veteran_status,
    {{ gold_demographic_group('w.disability_status') }} as disability_status
  from {{ ref('int_gold_workforce_rows') }} as r
  join {{ ref('worker') }} as w on w.worker_id = r.worker_id
  where r.is_primary
),
exploded as (
  {{ gold_explode_dimensions('rows', gold_workforce_dimensions()) }}
),
attributes as (
  {%- for attribute in ['gender', 'ethnicity', 'veteran_status', 'disability_status'] %}
  select dimension_type, dimension_id, dimension_value, effective_from, effective_to,
    {{ literal(attribute) }} as attribute, {{ attribute }} as group_value
  from exploded
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
)
select
  attribute, group_value, dimension_type, dimension_id,
  max(dimension_value) as dimension_value,
  event_date,
  sum(delta) as delta
from (
  select *, effective_from as event_date, 1 as delta from attributes
  union all
  select *, effective_to as event_date, -1 as delta from attributes
) as d
group by attribute, group_value, dimension_type, dimension_id, event_date
