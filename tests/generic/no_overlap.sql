{#-
  Half-open ranges [lower, upper) never overlap within a partition: returns every row whose
  range starts before the previous row's range (ordered by lower, then upper) ends.
  `where` restricts the rows compared (e.g. only primary assignments).
-#}
{% test no_overlap(model, partition_by, lower, upper, where=none) %}
with ordered as (
  select
    {{ partition_by | join(', ') }},
    {{ lower }} as range_lower,
    {{ upper }} as range_upper,
    max({{ upper }}) over (
      partition by {{ partition_by | join(', ') }}
      order by {{ lower }}, {{ upper }}
      rows between unbounded preceding and 1 preceding
    ) as previous_upper
  from {{ model }}
  {% if where %}where {{ where }}{% endif %}
)
select *
from ordered
where previous_upper is not null and range_lower < previous_upper
{% endtest %}
