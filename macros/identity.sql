{#-
  Record linkage for the person graph, written as macros so the same models compile for
  DuckDB and Spark: blocking, comparison levels, Fellegi–Sunter scoring with m and u estimated
  by EM (a fixed number of iterations unrolled as CTEs), and connected components by min-label
  propagation (a fixed number of rounds unrolled as CTEs).
-#}

{#-
  Candidate pairs sharing the values of `keys` in `relation` (which has record_key), each pair
  once with left_key < right_key. Blocks larger than `max_block` rows are skipped: a key shared
  by that many records (a common name) says little, and its pairs would dominate the cost.
-#}
{% macro block_on(relation, keys, max_block=none) -%}
  {%- set key_list = keys | join(', ') -%}
  select l.record_key as left_key, r.record_key as right_key
  from (
    select record_key, {% for k in keys %}{{ k }} as block_key_{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
      {%- if max_block %}, count(*) over (partition by {{ key_list }}) as block_size{% endif %}
    from {{ relation }}
    where {% for k in keys %}{{ k }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
  ) as l
  join (
    select record_key, {% for k in keys %}{{ k }} as block_key_{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ relation }}
    where {% for k in keys %}{{ k }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
  ) as r
    on {% for k in keys %}l.block_key_{{ loop.index }} = r.block_key_{{ loop.index }}{% if not loop.last %} and {% endif %}{% endfor %}
    and l.record_key < r.record_key
  {%- if max_block %}
  where l.block_size <= {{ max_block }}
  {%- endif %}
{%- endmacro %}

{#-
  First names: 3 equal, 2 close (Jaro–Winkler ≥ 0.92) or a known nickname of the other (seed
  first_name_nicknames), 1 one is the other's prefix (a short form: isa, isabel), 0 different.
  A looser similarity (Jaro–Winkler 0.80) is no level of its own: it joins different names
  that share a few letters (chen, chinedu) about as often as it joins spellings of one name.
-#}
{% macro first_name_level(a, b) -%}
  case
    when {{ a }} is null or {{ b }} is null then null
    when {{ a }} = {{ b }} then 3
    when {{ jaro_winkler(a, b) }} >= 0.92 then 2
    when exists (
      select 1 from {{ ref('first_name_nicknames') }} as nk
      where (nk.name = {{ a }} and nk.nickname = {{ b }}) or (nk.name = {{ b }} and nk.nickname = {{ a }})
    ) then 2
    when position({{ b }} in {{ a }}) = 1 or position({{ a }} in {{ b }}) = 1 then 1
    else 0
  end
{%- endmacro %}

{#- Last names: 3 equal, 2 a typo apart, 1 one contains the other (double-barrelled), 0 different. -#}
{% macro last_name_level(a, b) -%}
  case
    when {{ a }} is null or {{ b }} is null then null
    when {{ a }} = {{ b }} then 3
    when {{ edit_distance(a, b) }} <= 1 or {{ jaro_winkler(a, b) }} >= 0.94 then 2
    when position({{ a }} in {{ b }}) > 0 or position({{ b }} in {{ a }}) > 0 then 1
    else 0
  end
{%- endmacro %}

{#-
  Emails: 3 equal, 2 equal once the +tag is removed, 0 different. Addresses that differ only
  by the dots of the mailbox name count as different: people build addresses from their
  names, so namesakes often differ only by a dot, and scoring that agreement on top of the
  names counts the names twice (it still makes a pair in blocking, where phones decide).
  Level 1 is unused.
-#}
{% macro email_level(a, b, a_canonical, b_canonical) -%}
  case
    when {{ a }} is null or {{ b }} is null then null
    when {{ a }} = {{ b }} then 3
    when {{ a_canonical }} = {{ b_canonical }} then 2
    else 0
  end
{%- endmacro %}

{#-
  Phones: 4 equal outside the North American plan; 3 equal inside it, both personal phones (+1
  numbers are shared far more often); 2 the same national significant number (`a_nsn`,
  `b_nsn`, at least 7 digits) under different or unknown country codes, both personal: a
  number typed in national format is read in the country of the job applied to, so one
  person's number applying to two countries comes out with two codes; 1 any other agreement
  with a work phone (a North American office line is shared by many people); 0 two personal
  phones that differ. `personal` false means one side is a worker's work phone: it belongs to
  the position and changes with it, so a difference there is no evidence. A number that could
  not be read in E.164 and matches nothing is no evidence either.
-#}
{% macro phone_level(a, b, personal='true', a_nsn='null', b_nsn='null') -%}
  case
    when {{ a }} = {{ b }} and substr({{ a }}, 1, 2) <> '+1' then 4
    when {{ a }} = {{ b }} and {{ personal }} then 3
    when {{ a_nsn }} = {{ b_nsn }} and length({{ a_nsn }}) >= 7 and {{ personal }} then 2
    when {{ a }} = {{ b }} or ({{ a_nsn }} = {{ b_nsn }} and length({{ a_nsn }}) >= 7) then 1
    when {{ a }} is null or {{ b }} is null then null
    when {{ personal }} then 0
  end
{%- endmacro %}

{#-
  Start dates: a hired candidate's offer start date against a worker's hire date; 3 equal,
  2 within 14 days (start dates move), 1 within 60 days, 0 further apart.
-#}
{% macro start_date_level(a, b) -%}
  case
    when {{ a }} is null or {{ b }} is null then null
    when {{ a }} = {{ b }} then 3
    when abs({{ dbt.datediff(a, b, 'day') }}) <= 14 then 2
    when abs({{ dbt.datediff(a, b, 'day') }}) <= 60 then 1
    else 0
  end
{%- endmacro %}

{#- The comparison vector of two identity_records rows `l` and `r`, as level columns. -#}
{% macro identity_comparisons(l='l', r='r') -%}
  coalesce(greatest(
    {{ first_name_level(l ~ '.first_name_norm', r ~ '.first_name_norm') }},
    {{ first_name_level(l ~ '.alt_first_name_norm', r ~ '.first_name_norm') }},
    {{ first_name_level(l ~ '.first_name_norm', r ~ '.alt_first_name_norm') }},
    {{ first_name_level(l ~ '.alt_first_name_norm', r ~ '.alt_first_name_norm') }}
  ), -1) as first_name,
  coalesce({{ last_name_level(l ~ '.last_name_norm', r ~ '.last_name_norm') }}, -1) as last_name,
  coalesce({{ email_level(l ~ '.email', r ~ '.email', l ~ '.email_canonical', r ~ '.email_canonical') }}, -1) as email,
  coalesce({{ phone_level(l ~ '.phone_e164', r ~ '.phone_e164', l ~ ".source_entity = 'candidate' and " ~ r ~ ".source_entity = 'candidate'", l ~ '.phone_nsn', r ~ '.phone_nsn') }}, -1) as phone,
  coalesce(
    -- A candidate hired twice has two accepted offers: the earliest and the latest start
    -- date each stand for one of them.
    greatest(
      {{ start_date_level(l ~ '.start_date', r ~ '.start_date') }},
      {{ start_date_level(l ~ '.earliest_start_date', r ~ '.start_date') }},
      {{ start_date_level(l ~ '.start_date', r ~ '.earliest_start_date') }},
      {{ start_date_level(l ~ '.earliest_start_date', r ~ '.earliest_start_date') }}
    ),
    -- A candidate with no accepted offer against a worker with a hire date: a hire would
    -- have come from an offer, so the missing start date is a disagreement.
    case when {{ l }}.source_entity <> {{ r }}.source_entity
      and coalesce({{ l }}.start_date, {{ r }}.start_date) is not null then 0 end,
    -1
  ) as start_date
{%- endmacro %}

{#-
  Fellegi–Sunter m probabilities by EM over comparison patterns, as CTEs continuing the
  caller's WITH clause; the last one is `<prefix>params` (comparison, comparison_level,
  m_probability, u_probability, match_share). `patterns` has one row per distinct comparison
  vector with its pair count `n`; each comparison column holds a level from 0 to its top level
  in `max_levels` (comparison name → top level), or -1
  when a side is missing (no evidence either way). u comes from `u_table` (measured on random
  record pairs, which are almost all non-matches) and stays fixed; EM estimates m and the
  share of matches among the patterns' pairs, starting from m = 0.7 at the top level and
  `prior_lambda`. Counts are smoothed so no level gets an m of exactly 0. `prefix` keeps the
  CTE names of several estimation sessions in one query apart.
-#}
{% macro fellegi_sunter_em(patterns, comparisons, max_levels, iterations, u_table, prior_lambda=0.05, prefix='') -%}
  {{ prefix }}params_0 as (
    {% for c in comparisons -%}
    {%- set top = max_levels[c] -%}
    {% for l in range(0, top + 1) -%}
    select '{{ c }}' as comparison, {{ l }} as comparison_level,
      cast({{ 0.7 if l == top else 0.3 / top }} as double) as m_probability,
      (select max(u.u_probability) from {{ u_table }} as u where u.comparison = '{{ c }}' and u.comparison_level = {{ l }}) as u_probability,
      cast({{ prior_lambda }} as double) as match_share
    {% if not loop.last %}union all {% endif %}
    {%- endfor %}
    {% if not loop.last %}union all {% endif %}
    {%- endfor %}
  ),
  {%- for i in range(1, iterations + 1) %}
  {{ prefix }}posterior_{{ i }} as {{ materialized_cte() }} (
    select
      p.*,
      (pr.match_share * exp({% for c in comparisons %}coalesce(ln(m_{{ c }}.m_probability), 0){% if not loop.last %} + {% endif %}{% endfor %}))
      / (
        pr.match_share * exp({% for c in comparisons %}coalesce(ln(m_{{ c }}.m_probability), 0){% if not loop.last %} + {% endif %}{% endfor %})
        + (1 - pr.match_share) * exp({% for c in comparisons %}coalesce(ln(m_{{ c }}.u_probability), 0){% if not loop.last %} + {% endif %}{% endfor %})
      ) as match_posterior
    from {{ patterns }} as p
    cross join (select max(match_share) as match_share from {{ prefix }}params_{{ i - 1 }}) as pr
    {%- for c in comparisons %}
    left join {{ prefix }}params_{{ i - 1 }} as m_{{ c }}
      on m_{{ c }}.comparison = '{{ c }}' and m_{{ c }}.comparison_level = p.{{ c }}
    {%- endfor %}
  ),
  {{ prefix }}totals_{{ i }} as (
    select sum(n * match_posterior) / sum(n) as match_share
    from {{ prefix }}posterior_{{ i }}
  ),
  {{ prefix }}params_{{ i }} as {{ materialized_cte() }} (
    {% for c in comparisons -%}
    select
      '{{ c }}' as comparison,
      lv.comparison_level,
      (coalesce(sum(case when p.{{ c }} = lv.comparison_level then p.n * p.match_posterior end), 0) + 0.01)
        / (coalesce(sum(case when p.{{ c }} >= 0 then p.n * p.match_posterior end), 0) + {{ 0.01 * (max_levels[c] + 1) }}) as m_probability,
      max(lv.u_probability) as u_probability,
      max(t.match_share) as match_share
    from (select comparison_level, u_probability from {{ prefix }}params_0 where comparison = '{{ c }}') as lv
    cross join {{ prefix }}posterior_{{ i }} as p
    cross join {{ prefix }}totals_{{ i }} as t
    group by lv.comparison_level
    {% if not loop.last %}union all {% endif %}
    {%- endfor %}
  ),
  {%- endfor %}
  {{ prefix }}params as (
    select * from {{ prefix }}params_{{ iterations }}
  )
{%- endmacro %}

{#-
  Connected components of an undirected graph by min-label propagation: `nodes` has
  record_key, `edges` has left_record_key and right_record_key. Each round every node takes the smallest label
  among itself and its neighbours; `rounds` rounds are unrolled, enough when no component is
  wider than that many hops (a test checks that no edge joins two labels).
-#}
{% macro connected_components(nodes, edges, rounds) -%}
  with undirected as (
    select left_record_key as node_key, right_record_key as neighbour_key from {{ edges }}
    union all
    select right_record_key, left_record_key from {{ edges }}
  ),
  labels_0 as (
    select record_key, record_key as cluster_label from {{ nodes }}
  ),
  {%- for i in range(1, rounds + 1) %}
  labels_{{ i }} as {{ materialized_cte() }} (
    select
      l.record_key,
      least(l.cluster_label, coalesce(min(n.cluster_label), l.cluster_label)) as cluster_label
    from labels_{{ i - 1 }} as l
    left join undirected as e on e.node_key = l.record_key
    left join labels_{{ i - 1 }} as n on n.record_key = e.neighbour_key
    group by l.record_key, l.cluster_label
  )
  {%- if not loop.last %},{% endif %}
  {%- endfor %}
  select record_key, cluster_label from labels_{{ rounds }}
{%- endmacro %}

{#-
  The keyword that makes a CTE referenced several times compute once (DuckDB); unrolled
  iterations reference the previous step more than once and would otherwise recompute it
  exponentially often. Spark plans reused CTEs itself.
-#}
{% macro materialized_cte() -%}
  {{ adapter.dispatch('materialized_cte')() }}
{%- endmacro %}
{% macro default__materialized_cte() -%}materialized{%- endmacro %}
{% macro spark__materialized_cte() -%}{%- endmacro %}
