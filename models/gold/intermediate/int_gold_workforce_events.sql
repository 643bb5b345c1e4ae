{#- Tenure thresholds, in years, that the tenure bands of tenure_monthly start at. -#}
{%- set thresholds = [1, 5, 10, 20, 30] -%}
-- Day-level changes of workforce stock, per breakdown: on each date, how headcount, FTE, the
-- sum of hire dates (for mean tenure) and the count of workers past each tenure threshold
-- change. Point-in-time values are running sums of these deltas (int_gold_workforce_monthly).
with exploded as (
  {{ gold_explode_dimensions(ref('int_gold_workforce_rows'), gold_workforce_dimensions()) }}
),
spans as (
  select
    *,
    case when is_primary then 1 else 0 end as is_counted,
    datediff('day', date '1970-01-01', hire_date) as hire_day
  from exploded
),
deltas as (
  select
    dimension_type, dimension_id, dimension_value, effective_from as event_date,
    is_counted as d_headcount,
    fte as d_fte,
    is_counted * hire_day as d_hire_days
    {%- for x in thresholds %},
    case when is_counted = 1 and cast(hire_date + interval {{ x }} year as date) <= effective_from then 1 else 0 end
      as d_tenure_{{ x }}y
    {%- endfor %}
  from spans
  union all
  select
    dimension_type, dimension_id, dimension_value, effective_to as event_date,
    -is_counted,
    -fte,
    -is_counted * hire_day
    {%- for x in thresholds %},
    case when is_counted = 1 and cast(hire_date + interval {{ x }} year as date) < effective_to then -1 else 0 end
    {%- endfor %}
  from spans
  {%- for x in thresholds %}
  union all
  select
    dimension_type, dimension_id, dimension_value,
    cast(hire_date + interval {{ x }} year as date) as event_date,
    0, 0, 0
    {%- for y in thresholds %},
    {{ 1 if x == y else 0 }}
    {%- endfor %}
  from spans
  where is_counted = 1
    and cast(hire_date + interval {{ x }} year as date) > effective_from
    and cast(hire_date + interval {{ x }} year as date) < effective_to
  {%- endfor %}
)
select
  dimension_type,
  dimension_id,
  max(dimension_value) as dimension_value,
  event_date,
  sum(d_headcount) as d_headcount,
  sum(d_fte) as d_fte,
  sum(d_hire_days) as d_hire_days
  {%- for x in thresholds %},
  sum(d_tenure_{{ x }}y) as d_tenure_{{ x }}y
  {%- endfor %}
from deltas
group by dimension_type, dimension_id, event_date
