-- One row per email address of a live Greenhouse candidate (the email_addresses array unnested).
with addresses as (
  select
    candidate_id,
    address,
    row_number() over (partition by candidate_id order by ordinal) as address_rank
  from (
    select
      {{ json_int('$.id') }} as candidate_id,
      {{ hrflow.json_array_elements('payload', '$.email_addresses') }} as address,
      1 as ordinal
    from ({{ latest_version(source('greenhouse', 'candidates')) }}) as latest
  ) as unnested
)
select
  candidate_id,
  address_rank,
  {{ json_str('$.value', 'address') }} as email_raw,
  {{ json_str('$.type', 'address') }} as email_type
from addresses
