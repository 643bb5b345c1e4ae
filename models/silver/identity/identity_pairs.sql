-- One row per candidate pair of person-graph records (candidates and workers) that shares a
-- blocking key, with its comparison vector. Blocking rules, any of which makes a pair:
--   the same national phone number whatever its country code (numbers shared by more than 20
--   records are skipped); the same email once +tags (or also dots) are removed; the same first
--   and last name; the same last name and first initial, or the same first name and last
--   initial (a typo past the first letter keeps a pair blocked), in blocks of at most
--   var('identity_max_block', 200) records. Users are linked by employee id only.
{{ config(materialized='table') }}
{%- set max_block = var('identity_max_block', 200) %}
with records as (
  select *
  from {{ ref('identity_records') }}
  where source_entity in ('candidate', 'worker')
),
names as (
  select record_key, first_name_norm as first_name, last_name_norm as last_name
  from records
  union
  select record_key, alt_first_name_norm, last_name_norm
  from records
  where alt_first_name_norm is not null
),
rule_pairs as (
  select left_key, right_key, 'phone' as rule from ({{ block_on('records', ['phone_nsn'], 20) }}) as b
  union all
  select left_key, right_key, 'email' from ({{ block_on('records', ['email_canonical']) }}) as b
  union all
  select left_key, right_key, 'other' from ({{ block_on('records', [dotless_email('email_canonical')]) }}) as b
  union all
  select left_key, right_key, 'name' from ({{ block_on('names', ['first_name', 'last_name']) }}) as b
  union all
  select left_key, right_key, 'other'
  from ({{ block_on('names', ['last_name', 'substr(first_name, 1, 1)'], max_block) }}) as b
  union all
  select left_key, right_key, 'other'
  from ({{ block_on('names', ['first_name', 'substr(last_name, 1, 1)'], max_block) }}) as b
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
  b.blocked_on_phone,
  b.blocked_on_email,
  b.blocked_on_name,
  {{ identity_comparisons('l', 'r') }}
from blocked as b
join records as l on l.record_key = b.left_key
join records as r on r.record_key = b.right_key
