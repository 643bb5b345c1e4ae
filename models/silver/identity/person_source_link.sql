-- One row per person-graph record with its person and the best edge that joined it.
with edges as (
  select left_record_key as record_key, right_record_key as matched_record_key, match_method, match_probability, match_weight, evidence
  from {{ ref('person_match_edge') }}
  union all
  select right_record_key, left_record_key, match_method, match_probability, match_weight, evidence
  from {{ ref('person_match_edge') }}
),
best_edge as (
  select *
  from (
    select
      e.*,
      row_number() over (
        partition by e.record_key
        order by
          case e.match_method when 'deterministic_employee_id' then 0 when 'deterministic_workday_person' then 1 when 'deterministic_email' then 2 else 3 end,
          e.match_probability desc,
          e.matched_record_key
      ) as edge_rank
    from edges as e
  ) as ranked
  where edge_rank = 1
)
select
  r.record_key as source_record_key,
  md5(c.cluster_label) as person_id,
  r.source_system,
  r.source_entity,
  r.source_id,
  coalesce(b.match_method, 'singleton') as match_method,
  b.match_probability,
  b.match_weight,
  b.matched_record_key,
  b.evidence
from {{ ref('identity_records') }} as r
join {{ ref('identity_clusters') }} as c on c.record_key = r.record_key
left join best_edge as b on b.record_key = r.record_key
