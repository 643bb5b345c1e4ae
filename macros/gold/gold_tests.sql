{#- Data tests for gold models. -#}

{#- Every non-NULL value lies within [min_value, max_value] (either bound may be left out). -#}
{% test gold_between(model, column_name, min_value=none, max_value=none) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and (
    {%- if min_value is not none %} {{ column_name }} < {{ min_value }}{% else %} false{% endif %}
    or
    {%- if max_value is not none %} {{ column_name }} > {{ max_value }}{% else %} false{% endif %}
  )
{% endtest %}

{#- A boolean SQL expression over a row holds for every row (NULL counts as holding). -#}
{% test gold_expression_true(model, expression) %}
select *
from {{ model }}
where not coalesce(({{ expression }}), true)
{% endtest %}

{#-
  No shown count of a breakdown is a small group: every non-NULL, non-zero value is at least
  var min_group_size, except in the groups of `exempt` (the group column is `group_column`).
-#}
{% test gold_no_small_groups(model, column_name, group_column='group_value', exempt=[]) %}
select *
from {{ model }}
where {{ column_name }} is not null
  and {{ column_name }} > 0
  and {{ column_name }} < {{ var('min_group_size', 5) }}
  {%- if exempt | length > 0 %}
  and {{ group_column }} not in ({% for g in exempt %}{{ literal(g) }}{% if not loop.last %}, {% endif %}{% endfor %})
  {%- endif %}
{% endtest %}
