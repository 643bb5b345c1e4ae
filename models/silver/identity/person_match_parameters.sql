-- Fellegi–Sunter parameters per comparison and level. u is measured on random record pairs
-- (identity_u_sample). m is estimated by EM (var identity_em_iterations rounds, unrolled) in
-- one session per blocking rule, each over the pairs that rule produced and only for the
-- comparisons the rule does not force to agree: names from the phone and email sessions,
-- email from the name and phone sessions, phone from the name and email sessions, start
-- dates from all three; a
-- comparison's m is the mean over its sessions. lambda is the prior probability that two
-- records drawn at random are one person, estimated by EM with m and u held fixed (the same
-- number of rounds): the expected matches among the blocked pairs, each pair's posterior under
-- the current lambda, over all record pairs (pairs no rule blocked are taken as non-matches).
--
-- Incremental: a run keeps the parameters of the last estimate (new and changed records are
-- scored with them) unless var identity_reestimate is true or the run is a full refresh.
{{ config(materialized='incremental', unique_key=['comparison', 'comparison_level'], incremental_strategy='merge') }}
{%- if is_incremental() and not var('identity_reestimate', false) %}
select * from {{ this }} where 1 = 0
{%- else %}
{%- set iterations = var('identity_em_iterations', 10) %}
{%- set comparisons = ['first_name', 'last_name', 'email', 'phone', 'start_date'] %}
{%- set max_levels = {'first_name': 3, 'last_name': 3, 'email': 3, 'phone': 4, 'start_date': 3} %}
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
{{ fellegi_sunter_em(prefix ~ 'patterns', session.comparisons, max_levels, iterations, ref('identity_u_sample'), 0.3, prefix) }},
{%- endfor %}
estimates as (
  {%- for prefix, session in sessions.items() %}
  select comparison, comparison_level, m_probability, u_probability from {{ prefix }}params
  {%- if not loop.last %} union all{% endif %}
  {%- endfor %}
),
params as {{ materialized_cte() }} (
  select
    comparison,
    comparison_level,
    avg(m_probability) as m_probability,
    max(u_probability) as u_probability
  from estimates
  group by comparison, comparison_level
),
-- Every blocked pair's comparison vector with its Bayes factor under these m and u.
all_patterns as {{ materialized_cte() }} (
  select
    p.n,
    exp({% for c in comparisons %}coalesce(ln(w_{{ c }}.m_probability / w_{{ c }}.u_probability), 0){% if not loop.last %} + {% endif %}{% endfor %}) as bayes_factor
  from (
    select {{ comparisons | join(', ') }}, count(*) as n
    from {{ ref('identity_pairs') }}
    group by {{ comparisons | join(', ') }}
  ) as p
  {%- for c in comparisons %}
  left join params as w_{{ c }} on w_{{ c }}.comparison = '{{ c }}' and w_{{ c }}.comparison_level = p.{{ c }}
  {%- endfor %}
),
record_pairs as (
  select count(*) * (count(*) - 1) / 2.0 as pairs
  from {{ ref('identity_records') }}
  where source_entity in ('candidate', 'worker')
),
prior_0 as (
  select cast(1e-5 as double) as match_share
),
{%- for i in range(1, iterations + 1) %}
prior_{{ i }} as {{ materialized_cte() }} (
  select
    sum(a.n * s.match_share * a.bayes_factor / (s.match_share * a.bayes_factor + 1 - s.match_share))
      / max(r.pairs) as match_share
  from all_patterns as a
  cross join prior_{{ i - 1 }} as s
  cross join record_pairs as r
){% if not loop.last %},{% endif %}
{%- endfor %}
-- Rounded to 10 significant digits: EM sums doubles in parallel, in no fixed order, so two
-- estimates on the same pairs differ in their last bits, and every score would with them.
select
  comparison,
  comparison_level,
  m_probability,
  u_probability,
  log(2, m_probability / u_probability) as match_weight,
  {{ adapter.quote('lambda') }}
from (
  select
    p.comparison,
    p.comparison_level,
    {{ round_significant('p.m_probability', 10) }} as m_probability,
    {{ round_significant('p.u_probability', 10) }} as u_probability,
    {{ round_significant('s.match_share', 10) }} as {{ adapter.quote('lambda') }}
  from params as p
  cross join prior_{{ iterations }} as s
) as rounded
{%- endif %}
