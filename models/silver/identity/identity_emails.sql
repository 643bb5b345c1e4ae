-- Every normalised email of every record in the person graph (a record can carry several).
select record_key, email
from (
  select record_key, email from {{ ref('identity_records') }}
  union
  select 'candidate:' || cast(candidate_id as {{ dbt.type_string() }}), second_email
  from {{ ref('identity_candidate_contact') }}
  union
  select 'worker:' || worker_id, work_email from {{ ref('identity_worker_contact') }}
  union
  select 'worker:' || worker_id, personal_email from {{ ref('identity_worker_contact') }}
) as emails
where email is not null
