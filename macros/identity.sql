{#-
  Record linkage for the person graph, written as macros so the same models compile for
  DuckDB and Spark: blocking, comparison levels, Fellegi–Sunter scoring with m and u estimated
  by EM (a fixed number of iterations unrolled as CTEs), and connected components by min-label
  propagation (a fixed number of rounds unrolled as CTEs).
-#}

{#-
  Candidate pairs sharing the values of `keys` in `relation` (which has record_key), each pair
  once with left_key < right_key. Blocks larger than `max_block` rows are skipped: a key shared
  by that many records (a common name) says little, and its pairs would dominate the cost. With
  `touching` (a relation with record_key), only pairs with a side in it; block sizes still
  count the whole relation. `condition` keeps only pairs it holds for, written over `l` and
  `r` with the block keys and the `carry` columns.
-#}
{% macro block_on(relation, keys, max_block=none, touching=none, carry=[], condition=none) -%}
  {%- set key_list = keys | join(', ') -%}
  select l.record_key as left_key, r.record_key as right_key
  from (
    select record_key, {% for c in carry %}{{ c }}, {% endfor %}{% for k in keys %}{{ k }} as block_key_{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
      {%- if max_block %}, count(*) over (partition by {{ key_list }}) as block_size{% endif %}
    from {{ relation }}
    where {% for k in keys %}{{ k }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
  ) as l
  join (
    select record_key, {% for c in carry %}{{ c }}, {% endfor %}{% for k in keys %}{{ k }} as block_key_{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
    from {{ relation }}
    where {% for k in keys %}{{ k }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
  ) as r
    on {% for k in keys %}l.block_key_{{ loop.index }} = r.block_key_{{ loop.index }}{% if not loop.last %} and {% endif %}{% endfor %}
    and l.record_key < r.record_key
  where true
  {%- if condition %}
    and ({{ condition }})
  {%- endif %}
  {%- if max_block %}
    and l.block_size <= {{ max_block }}
  {%- endif %}
  {%- if touching %}
    and (
      l.record_key in (select record_key from {{ touching }})
      or r.record_key in (select record_key from {{ touching }})
    )
  {%- endif %}
{%- endmacro %}

{#-
  The person graph's blocking rules, each a block_on over `records` (candidates and workers)
  or `names` (see identity_blocking_names), with its flag name and size limit. First name and
  last initial catches a typo past the first letter of the last name; it keeps only pairs whose
  last names are related (last-name level 1 or more), so it needs no size limit. `mode` 'pairs'
  gives (left_key, right_key, rule) for every rule, only pairs touching `touching` when set.
  `mode` 'crossing' gives the records of size-limited blocks whose admission the changes since
  the last build may have changed, with relation `changed` (record_key of records new or
  changed since) in scope and `pairs` the pairs of the last build: a block now over its limit
  whose size without the changed records is within it (it may have been admitted before), and
  a block now within its limit in which some pair of unchanged members is missing (it was not
  admitted before; for the phone rule, whose flag a pair carries, missing that flag).
-#}
{% macro identity_blocking(mode, touching=none, pairs=none) -%}
  {%- set max_block = var('identity_max_block', 200) -%}
  {%- set limited = [
    {'rule': 'phone', 'relation': 'records', 'columns': ['phone_nsn'], 'max_block': 20},
    {'rule': 'other', 'relation': 'names', 'columns': ['last_name', 'substr(first_name, 1, 1)'], 'max_block': max_block}
  ] -%}
  {%- set unlimited = [
    {'rule': 'email', 'relation': 'records', 'columns': ['email_canonical']},
    {'rule': 'other', 'relation': 'records', 'columns': [dotless_email('email_canonical')]},
    {'rule': 'name', 'relation': 'names', 'columns': ['first_name', 'last_name']},
    {'rule': 'other', 'relation': 'names', 'columns': ['first_name', 'substr(last_name, 1, 1)'],
     'carry': ['last_name'], 'condition': last_name_level('l.last_name', 'r.last_name') ~ ' >= 1'}
  ] -%}
  {%- if mode == 'pairs' %}
  {%- for r in limited %}
  select left_key, right_key, '{{ r.rule }}' as rule
  from ({{ block_on(r.relation, r.columns, r.max_block, touching) }}) as b
  union all
  {%- endfor %}
  {%- for r in unlimited %}
  select left_key, right_key, '{{ r.rule }}' as rule
  from ({{ block_on(r.relation, r.columns, none, touching, r.carry or [], r.condition) }}) as b
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
  {%- else %}
  {%- for rule in limited %}
  {%- set n = loop.index %}
  {%- set on_keys %}{% for k in rule.columns %}{{ 'l.k' ~ loop.index }} = {{ 'r.k' ~ loop.index }}{% if not loop.last %} and {% endif %}{% endfor %}{% endset %}
  {%- set keys %}{% for k in rule.columns %}k{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}{% endset %}
  select record_key
  from (
    with blocks as (
      select
        m.record_key,
        {% for k in rule.columns %}{{ k }} as k{{ loop.index }}, {% endfor %}
        count(*) over (partition by {{ rule.columns | join(', ') }}) as block_size,
        count(c.record_key) over (partition by {{ rule.columns | join(', ') }}) as entrants
      from {{ rule.relation }} as m
      left join changed as c on c.record_key = m.record_key
      where {% for k in rule.columns %}{{ k }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
    ),
    clean as (
      select distinct record_key, {{ keys }}
      from blocks
      where block_size <= {{ rule.max_block }}
        and record_key not in (select record_key from changed)
    ),
    clean_size as (
      select {{ keys }}, count(*) as members from clean group by {{ keys }}
    ),
    present as (
      select {% for k in rule.columns %}l.k{{ loop.index }}, {% endfor %}count(*) as pairs
      from {{ pairs }} as p
      join clean as l on l.record_key = p.left_key
      join clean as r on r.record_key = p.right_key and {{ on_keys }}
      {%- if rule.rule == 'phone' %}
      where p.blocked_on_phone
      {%- endif %}
      group by {% for k in rule.columns %}l.k{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
    ),
    admitted_now as (
      select {% for k in rule.columns %}l.k{{ loop.index }}{% if not loop.last %}, {% endif %}{% endfor %}
      from clean_size as l
      left join present as r on {{ on_keys }}
      where coalesce(r.pairs, 0) < l.members * (l.members - 1) / 2
    )
    select record_key
    from blocks
    where block_size > {{ rule.max_block }} and block_size - entrants <= {{ rule.max_block }}
    union
    select b.record_key
    from blocks as b
    join admitted_now as a on {% for k in rule.columns %}b.k{{ loop.index }} = a.k{{ loop.index }}{% if not loop.last %} and {% endif %}{% endfor %}
  ) as crossing_{{ n }}
  {%- if not loop.last %}
  union
  {%- endif %}
  {%- endfor %}
  {%- endif %}
{%- endmacro %}

{#- The `names` CTE blocking reads: every record's first and last name, and its preferred first name too. -#}
{% macro identity_blocking_names(records) -%}
names as (
  select record_key, first_name_norm as first_name, last_name_norm as last_name
  from {{ records }}
  union
  select record_key, alt_first_name_norm, last_name_norm
  from {{ records }}
  where alt_first_name_norm is not null
)
{%- endmacro %}

{#- The scratch table of an incremental identity_pairs run: the records whose pairs it recomputes. -#}
{% macro identity_recompute_relation(pairs) -%}
  {{ adapter.quote(pairs.database) }}.{{ adapter.quote(pairs.schema) }}.{{ adapter.quote(pairs.identifier ~ '__recompute') }}
{%- endmacro %}

{#-
  identity_pairs' first pre-hook: on an incremental run, lists the records whose pairs are
  computed again: records new or changed (no pair holds their current hash; records without
  any pair are listed every time, which costs a little and is always right), records gone or
  changed (a pair holds a hash no current record has), and the members of size-limited blocks
  whose admission may have changed (identity_blocking 'crossing').
-#}
{% macro identity_pairs_list_recompute(pairs, records) -%}
  {%- if is_incremental() %}
create or replace table {{ identity_recompute_relation(pairs) }} as
with records as (
  select * from {{ records }} where source_entity in ('candidate', 'worker')
),
{{ identity_blocking_names('records') }},
sides as (
  select left_key as record_key, left_hash as record_hash from {{ pairs }}
  union
  select right_key, right_hash from {{ pairs }}
),
changed as (
  select r.record_key
  from records as r
  where not exists (
    select 1 from sides as s where s.record_key = r.record_key and s.record_hash = r.record_hash
  )
),
stale as (
  select s.record_key
  from sides as s
  where not exists (
    select 1 from records as r where r.record_key = s.record_key and r.record_hash = s.record_hash
  )
),
crossing as (
  {{ identity_blocking('crossing', pairs=pairs) }}
)
select record_key from changed
union
select record_key from stale
union
select record_key from crossing
  {%- else %}
select 1
  {%- endif %}
{%- endmacro %}

{#- identity_pairs' second pre-hook: deletes the pairs touching a listed record. -#}
{% macro identity_pairs_delete_recompute(pairs) -%}
  {%- if is_incremental() %}
delete from {{ pairs }}
where left_key in (select record_key from {{ identity_recompute_relation(pairs) }})
  or right_key in (select record_key from {{ identity_recompute_relation(pairs) }})
  {%- else %}
select 1
  {%- endif %}
{%- endmacro %}

{#- identity_pairs' post-hook: drops the scratch table. -#}
{% macro identity_pairs_drop_recompute(pairs) -%}
drop table if exists {{ identity_recompute_relation(pairs) }}
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

{#- `x` (a positive double) rounded to `digits` significant digits. -#}
{% macro round_significant(x, digits) -%}
  round({{ x }}, {{ digits - 1 }} - cast(floor(log10({{ x }})) as integer))
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
