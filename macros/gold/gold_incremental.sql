{#-
  Month-grain gold tables built incrementally. Such a table is keyed by period_month and
  materialized `incremental` with `delete+insert` on period_month: an incremental run computes
  the cheap part of every month (unsuppressed counts, say, or the rows themselves without
  writing them) as `fresh`, compares it with what the table holds, and does the expensive part
  (suppression, writing) only for the months that differ; those months are then deleted and
  inserted whole. A full refresh builds every month, so both give the same table.
-#}

{#-
  The months whose rows in `fresh` differ from the rows of this model's table that `stored_where`
  picks, compared on `columns` (which must include the `keys` and every value the expensive part
  reads). Each side is summarised per month by its row count and the XOR and the sum of the
  rows' 64-bit hashes: a changed month goes unnoticed only if all three collide at once. A table
  partitioned otherwise (by quarter, say) names its partition columns in `keys`.
-#}
{% macro gold_changed_months(fresh, columns, stored_where='true', keys=['period_month']) -%}
  select {{ keys | join(', ') }}
  from ({{ gold_month_signature(fresh, columns, keys=keys) }}) as f
  full join ({{ gold_month_signature(this, columns, stored_where, keys) }}) as s
    using ({{ keys | join(', ') }})
  where (f.row_count, f.hash_xor, f.hash_sum) is distinct from (s.row_count, s.hash_xor, s.hash_sum)
{%- endmacro %}

{#- Per month (or `keys`) of `relation`: row count, XOR and sum of the hashes of `columns`. -#}
{% macro gold_month_signature(relation, columns, where='true', keys=['period_month']) -%}
  {%- set row = 'hash(' ~ (columns | join(', ')) ~ ')' -%}
  select {{ keys | join(', ') }}, count(*) as row_count, bit_xor({{ row }}) as hash_xor,
    sum(cast({{ row }} as hugeint)) as hash_sum
  from {{ relation }}
  where {{ where }}
  group by {{ keys | join(', ') }}
{%- endmacro %}

{#-
  Tables whose expensive part fills in rows (zeros of a suppressed grid) keep one marker row per
  month (`is_month_marker` true, every other column NULL), so that a month whose rows all went
  away still has a row for delete+insert to replace. This adds to gold_changed_months the months
  of the spine `months` that have no marker yet; readers filter on `not is_month_marker`.
-#}
{% macro gold_months_without_marker(months) -%}
  select period_month from {{ months }}
  where period_month not in (select period_month from {{ this }} where is_month_marker)
{%- endmacro %}

{#- The marker rows of `rebuilt_months` (see gold_months_without_marker). -#}
{% macro gold_month_markers(rebuilt_months, columns) -%}
  select period_month,
    {%- for c in columns %} null as {{ c }},{% endfor %}
    true as is_month_marker
  from {{ rebuilt_months }}
{%- endmacro %}

{#-
  The post-hook of such a table: months no longer on the spine (the first month with data moved
  later) have nothing to replace them, so they are deleted here.
-#}
{% macro gold_drop_months_off_spine() -%}
  delete from {{ this }}
  where period_month not in (select period_month from {{ ref('int_gold_months') }})
{%- endmacro %}
