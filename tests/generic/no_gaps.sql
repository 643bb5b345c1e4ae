{#-
  Consecutive half-open ranges [lower, upper) within a partition touch: each range starts where
  the previous one (ordered by lower) ended. Returns the rows that start after a gap.
-#}
{% test no_gaps(model, partition_by, lower, upper, where=none) %}
with ordered as (
  select
    {{ partition_by | join(', ') }},
    {{ lower }} as range_lower,
    lag({{ upper }}) over (partition by {{ partition_by | join(', ') }} order by {{ lower }}) as previous_upper
  from {{ model }}
  {% if where %}where {{ where }}{% endif %}
)
select *
from ordered
where previous_upper is not null and range_lower <> previous_upper
{% endtest %}
