-- One row per candidate pair of person-graph records (candidates and workers) that shares a
-- blocking key, with its comparison vector and the record hashes it was compared on. The
-- blocking rules are those of macro identity_blocking; users are linked by employee id only.
--
-- Incremental: the pre-hooks list the records whose pairs must be computed again (new and
-- changed records, records gone, and the members of size-limited blocks that a change may have
-- moved across their limit) and delete the pairs that touch them; the model then adds every
-- pair touching one of them. Pairs between two unchanged records keep their rows. A change of
-- the blocking rules, the comparisons, var identity_max_block or the nickname seed needs a
-- full refresh.
{{ config(
  materialized='incremental',
  incremental_strategy='append',
  pre_hook=[
    "{{ identity_pairs_list_recompute(this, ref('identity_records')) }}",
    "{{ identity_pairs_delete_recompute(this) }}"
  ],
  post_hook="{{ identity_pairs_drop_recompute(this) }}"
) }}
with records as (
  select *
  from {{ ref('identity_records') }}
  where source_entity in ('candidate', 'worker')
),
{{ identity_blocking_names('records') }},
rule_pairs as (
  {{ identity_blocking('pairs', identity_recompute_relation(this) if is_incremental() else none) }}
),
blocked as (
  select
    left_key,
    right_key,
    max(case when rule = 'phone' then 1 else 0 end) = 1 as blocked_on_phone,
    max(case when rule = 'email' then 1 else 0 end) = 1 as blocked_on_email,
    max(case when rule = 'name' then 1 else 0 end) = 1 as blocked_on_name
  from rule_pairs
  group by left_key, right_key
)
select
  b.left_key,
  b.right_key,
  l.record_hash as left_hash,
  r.record_hash as right_hash,
  b.blocked_on_phone,
  b.blocked_on_email,
  b.blocked_on_name,
  {{ identity_comparisons('l', 'r') }}
from blocked as b
join records as l on l.record_key = b.left_key
join records as r on r.record_key = b.right_key
