-- Detector: duplicate identities. One row per pair of records of the same kind (two Greenhouse
-- candidates, two Workday workers, two Greenhouse users) that identity resolution placed in
-- one person, with the evidence of the link: the direct match edge between them when there is
-- one (method, probability, Fellegi-Sunter weight, field-by-field comparison), else the chain
-- through other records. Cross-kind links (a candidate who became a worker) are expected and
-- not listed.
with links as (
  select * from {{ ref('person_source_link') }}
),
pairs as (
  select
    l.person_id,
    l.source_system,
    l.source_entity,
    l.source_record_key as left_record_key,
    r.source_record_key as right_record_key,
    l.source_id as left_source_id,
    r.source_id as right_source_id,
    l.match_method as left_match_method,
    r.match_method as right_match_method
  from links as l
  join links as r
    on r.person_id = l.person_id
   and r.source_entity = l.source_entity
   and r.source_record_key > l.source_record_key
),
edges as (
  select * from {{ ref('person_match_edge') }}
)
select
  p.person_id,
  p.source_system,
  p.source_entity,
  p.left_record_key,
  p.right_record_key,
  p.left_source_id,
  p.right_source_id,
  e.left_record_key is not null as is_direct_match,
  coalesce(e.match_method, 'transitive') as match_method,
  e.match_probability,
  e.match_weight,
  e.evidence,
  p.left_match_method,
  p.right_match_method,
  per.candidate_count as person_candidate_count,
  per.worker_count as person_worker_count,
  per.user_count as person_user_count,
  per.worker_count > 0 as person_is_worker
from pairs as p
join {{ ref('person') }} as per on per.person_id = p.person_id
left join edges as e
  on e.left_record_key = p.left_record_key and e.right_record_key = p.right_record_key
