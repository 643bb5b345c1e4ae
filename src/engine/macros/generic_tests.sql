{#-
  The built-in generic data tests. Each returns a query whose rows are the failures; the runner
  counts them and applies severity, warn_if and error_if. Defining test_<name> (or a
  {% test name(model, ...) %} block) in a project replaces the built-in one.
-#}
{% macro test_unique(model, column_name) -%}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{%- endmacro %}

{% macro test_not_null(model, column_name) -%}
select *
from {{ model }}
where {{ column_name }} is null
{%- endmacro %}

{% macro test_accepted_values(model, column_name, values, quote=true) -%}
with observed as (
  select {{ column_name }} as value_field, count(*) as n_records
  from {{ model }}
  group by {{ column_name }}
)
select value_field, n_records
from observed
where value_field not in (
  {%- for value in values -%}
    {%- if quote -%}'{{ value | string | replace("'", "''") }}'{%- else -%}{{ value }}{%- endif -%}
    {%- if not loop.last %}, {% endif -%}
  {%- endfor -%}
)
{%- endmacro %}

{% macro test_relationships(model, column_name, to, field) -%}
with children as (
  select {{ column_name }} as child_key
  from {{ model }}
  where {{ column_name }} is not null
),
parents as (
  select {{ field }} as parent_key
  from {{ to }}
)
select children.child_key
from children
left join parents on children.child_key = parents.parent_key
where parents.parent_key is null
{%- endmacro %}
