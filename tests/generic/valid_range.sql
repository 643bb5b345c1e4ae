{#- Every range is non-empty: lower < upper, both present. -#}
{% test valid_range(model, lower, upper) %}
select *
from {{ model }}
where {{ lower }} is null or {{ upper }} is null or not ({{ lower }} < {{ upper }})
{% endtest %}
