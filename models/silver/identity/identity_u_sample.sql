-- u probabilities (how often two different people agree at each comparison level) measured on
-- record pairs drawn without blocking: the first var('identity_u_sample_records', 20000)
-- records in hash order, each paired with the next 10. Nearly all such pairs are non-matches.
{{ config(materialized='table') }}
{%- set sample_records = var('identity_u_sample_records', 20000) %}
with records as (
  select *
  from (
    select r.*, row_number() over (order by md5(r.record_key)) as sample_rank
    from {{ ref('identity_records') }} as r
    where r.source_entity in ('candidate', 'worker')
  ) as ranked
  where sample_rank <= {{ sample_records }}
),
pairs as (
  select
    coalesce(greatest(
      {{ first_name_level('l.first_name_norm', 'r.first_name_norm') }},
      {{ first_name_level('l.alt_first_name_norm', 'r.first_name_norm') }},
      {{ first_name_level('l.first_name_norm', 'r.alt_first_name_norm') }},
      {{ first_name_level('l.alt_first_name_norm', 'r.alt_first_name_norm') }}
    ), -1) as first_name,
    coalesce({{ last_name_level('l.last_name_norm', 'r.last_name_norm') }}, -1) as last_name,
    coalesce({{ email_level('l.email', 'r.email', 'l.email_canonical', 'r.email_canonical') }}, -1) as email,
    coalesce({{ phone_level('l.phone_e164', 'r.phone_e164') }}, -1) as phone
  from records as l
  join records as r
    on r.sample_rank > l.sample_rank and r.sample_rank <= l.sample_rank + 10
),
levels as (
  {%- for c in ['first_name', 'last_name', 'email', 'phone'] %}
  select '{{ c }}' as comparison, {{ c }} as comparison_level from pairs
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
),
all_levels as (
  {%- for c in ['first_name', 'last_name', 'email', 'phone'] %}
  {%- set outer = loop %}
  {%- for l in range(0, 4) %}
  select '{{ c }}' as comparison, {{ l }} as comparison_level
  {%- if not (outer.last and loop.last) %} union all{% endif %}
  {%- endfor %}
  {%- endfor %}
)
select
  a.comparison,
  a.comparison_level,
  (count(l.comparison) + 0.5) / (max(t.observed) + 2.0) as u_probability
from all_levels as a
left join levels as l on l.comparison = a.comparison and l.comparison_level = a.comparison_level
join (
  select comparison, count(*) as observed from levels where comparison_level >= 0 group by comparison
) as t on t.comparison = a.comparison
group by a.comparison, a.comparison_level
