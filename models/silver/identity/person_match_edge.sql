-- Edges of the person graph: deterministic links (a shared normalised email; a user's or an
-- internal candidate's employee id naming a worker; a candidate linked to a user; two worker
-- records of one Workday person, as a contractor converted to an employee or a rehire keeps
-- their person) and blocked pairs whose posterior match probability reaches var
-- identity_match_threshold.
{%- set comparisons = ['first_name', 'last_name', 'email', 'phone', 'start_date'] %}
with params as (
  select * from {{ ref('person_match_parameters') }}
),
prior as (
  select max({{ adapter.quote('lambda') }}) as match_share from params
),
scored as (
  select
    p.left_key,
    p.right_key,
    log(2, pr.match_share / (1 - pr.match_share))
      {%- for c in comparisons %} + coalesce(w_{{ c }}.match_weight, 0){% endfor %} as match_weight,
    {%- for c in comparisons %}
    p.{{ c }} as {{ c }}_level{% if not loop.last %},{% endif %}
    {%- endfor %}
  from {{ ref('identity_pairs') }} as p
  cross join prior as pr
  {%- for c in comparisons %}
  left join params as w_{{ c }} on w_{{ c }}.comparison = '{{ c }}' and w_{{ c }}.comparison_level = p.{{ c }}
  {%- endfor %}
),
probabilistic as (
  select
    left_key,
    right_key,
    'probabilistic' as match_method,
    power(2, match_weight) / (1 + power(2, match_weight)) as match_probability,
    match_weight,
    '{' {%- for c in comparisons %} || '"{{ c }}":' || cast({{ c }}_level as {{ dbt.type_string() }}){% if not loop.last %} || ','{% endif %}{% endfor %} || '}' as evidence
  from scored
),
shared_email as (
  select distinct
    least(a.record_key, b.record_key) as left_key,
    greatest(a.record_key, b.record_key) as right_key
  from {{ ref('identity_emails') }} as a
  join {{ ref('identity_emails') }} as b on a.email = b.email and a.record_key < b.record_key
),
employee_ids as (
  select record_key, coalesce(employee_id, linked_employee_id) as employee_id, source_entity
  from {{ ref('identity_records') }}
  where coalesce(employee_id, linked_employee_id) is not null
),
shared_employee_id as (
  select distinct
    least(a.record_key, b.record_key) as left_key,
    greatest(a.record_key, b.record_key) as right_key
  from employee_ids as a
  join employee_ids as b on a.employee_id = b.employee_id and a.record_key < b.record_key
  union
  select distinct
    least(r.record_key, u.record_key),
    greatest(r.record_key, u.record_key)
  from {{ ref('identity_candidate_contact') }} as c
  join {{ ref('identity_records') }} as r
    on r.source_entity = 'candidate' and r.source_id = cast(c.candidate_id as {{ dbt.type_string() }})
  join {{ ref('identity_records') }} as u
    on u.source_entity = 'user' and u.source_id = cast(c.linked_user_id as {{ dbt.type_string() }})
),
shared_workday_person as (
  select distinct a.record_key as left_key, b.record_key as right_key
  from {{ ref('identity_records') }} as a
  join {{ ref('identity_records') }} as b on a.person_wid = b.person_wid and a.record_key < b.record_key
),
deterministic as (
  select left_key, right_key, 'deterministic_employee_id' as match_method from shared_employee_id
  union all
  select w.left_key, w.right_key, 'deterministic_workday_person'
  from shared_workday_person as w
  where not exists (
    select 1 from shared_employee_id as s where s.left_key = w.left_key and s.right_key = w.right_key
  )
  union all
  select e.left_key, e.right_key, 'deterministic_email'
  from shared_email as e
  where not exists (
    select 1 from shared_employee_id as s where s.left_key = e.left_key and s.right_key = e.right_key
  )
  and not exists (
    select 1 from shared_workday_person as w where w.left_key = e.left_key and w.right_key = e.right_key
  )
)
select
  d.left_key as left_record_key,
  d.right_key as right_record_key,
  d.match_method,
  cast(1.0 as double) as match_probability,
  p.match_weight,
  coalesce(p.evidence, '{"' || d.match_method || '":true}') as evidence
from deterministic as d
left join probabilistic as p on p.left_key = d.left_key and p.right_key = d.right_key
union all
select p.left_key, p.right_key, p.match_method, p.match_probability, p.match_weight, p.evidence
from probabilistic as p
where p.match_probability >= {{ var('identity_match_threshold', 0.9) }}
  and not exists (
    select 1 from deterministic as d where d.left_key = p.left_key and d.right_key = p.right_key
  )
