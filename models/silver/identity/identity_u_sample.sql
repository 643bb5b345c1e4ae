-- u probabilities (how often two different people agree at each comparison level) measured on
-- record pairs drawn without blocking: the first var('identity_u_sample_records', 20000)
-- records in hash order, each paired with the next 10. Nearly all such pairs are non-matches.
-- Emails depend on names, so email levels are measured among namesakes instead: candidate
-- pairs with the same first and last name whose phones are both known and differ. Kept from
-- the last estimate like person_match_parameters.
{{ config(materialized='incremental', unique_key=['comparison', 'comparison_level'], incremental_strategy='merge') }}
{%- if is_incremental() and not var('identity_reestimate', false) %}
select * from {{ this }} where 1 = 0
{%- else %}
{%- set sample_records = var('identity_u_sample_records', 20000) %}
{%- set comparisons = ['first_name', 'last_name', 'email', 'phone', 'start_date'] %}
{%- set max_levels = {'first_name': 3, 'last_name': 3, 'email': 3, 'phone': 4, 'start_date': 3} %}
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
    {{ identity_comparisons('l', 'r') }}
  from records as l
  join records as r
    on r.sample_rank > l.sample_rank and r.sample_rank <= l.sample_rank + 10
),
namesakes as (
  select {{ email_level('l.email', 'r.email', 'l.email_canonical', 'r.email_canonical') }} as email
  from {{ ref('identity_records') }} as l
  join {{ ref('identity_records') }} as r
    on r.first_name_norm = l.first_name_norm and r.last_name_norm = l.last_name_norm
    and l.record_key < r.record_key
  where l.source_entity = 'candidate' and r.source_entity = 'candidate'
    and l.phone_e164 <> r.phone_e164
),
levels as (
  {%- for c in comparisons if c != 'email' %}
  select '{{ c }}' as comparison, {{ c }} as comparison_level from pairs
  union all
  {%- endfor %}
  select 'email', email from namesakes where email is not null
),
all_levels as (
  {%- for c in comparisons %}
  {%- set outer = loop %}
  {%- for l in range(0, max_levels[c] + 1) %}
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
{%- endif %}
