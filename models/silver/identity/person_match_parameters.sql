-- Fellegi–Sunter parameters per comparison and level. u is measured on random record pairs
-- (identity_u_sample). m is estimated by EM (var identity_em_iterations rounds, unrolled) in
-- one session per blocking rule, each over the pairs that rule produced and only for the
-- comparisons the rule does not force to agree: names from the phone and email sessions,
-- email from the name and phone sessions, phone from the name and email sessions, start
-- dates from all three; a
-- comparison's m is the mean over its sessions. lambda is the prior probability that two
-- records drawn at random are one person: the matches the sessions found (the largest
-- session's estimate, as the sessions overlap) over all record pairs.
{%- set iterations = var('identity_em_iterations', 10) %}
{%- set sessions = {
  'name_': {'flag': 'blocked_on_name', 'comparisons': ['email', 'phone', 'start_date']},
  'phone_': {'flag': 'blocked_on_phone', 'comparisons': ['first_name', 'last_name', 'email', 'start_date']},
  'email_': {'flag': 'blocked_on_email', 'comparisons': ['first_name', 'last_name', 'phone', 'start_date']}
} %}
with
{%- for prefix, session in sessions.items() %}
{{ prefix }}patterns as (
  select {{ session.comparisons | join(', ') }}, count(*) as n
  from {{ ref('identity_pairs') }}
  where {{ session.flag }}
  group by {{ session.comparisons | join(', ') }}
),
{{ fellegi_sunter_em(prefix ~ 'patterns', session.comparisons, 3, iterations, ref('identity_u_sample'), 0.3, prefix) }},
{%- endfor %}
estimates as (
  {%- for prefix, session in sessions.items() %}
  select comparison, comparison_level, m_probability, u_probability from {{ prefix }}params
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
),
found_matches as (
  {%- for prefix, session in sessions.items() %}
  select max(p.match_share) * sum(pt.n) / count(distinct p.comparison || cast(p.comparison_level as {{ dbt.type_string() }})) * count(distinct p.comparison || cast(p.comparison_level as {{ dbt.type_string() }})) as matches
  from {{ prefix }}params as p
  cross join (select sum(n) as n from {{ prefix }}patterns) as pt
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
),
record_pairs as (
  select count(*) * (count(*) - 1) / 2.0 as pairs
  from {{ ref('identity_records') }}
  where source_entity in ('candidate', 'worker')
)
select
  e.comparison,
  e.comparison_level,
  avg(e.m_probability) as m_probability,
  max(e.u_probability) as u_probability,
  log(2, avg(e.m_probability) / max(e.u_probability)) as match_weight,
  max(f.matches) / max(r.pairs) as {{ adapter.quote('lambda') }}
from estimates as e
cross join (select max(matches) as matches from found_matches) as f
cross join record_pairs as r
group by e.comparison, e.comparison_level
