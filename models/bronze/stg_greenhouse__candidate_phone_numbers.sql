-- One row per phone number of a live Greenhouse candidate (the phone_numbers array unnested).
with numbers as (
  select
    candidate_id,
    phone,
    row_number() over (partition by candidate_id order by ordinal) as phone_rank
  from (
    select
      {{ json_int('$.id') }} as candidate_id,
      {{ hrflow.json_array_elements('payload', '$.phone_numbers') }} as phone,
      1 as ordinal
    from ({{ latest_version(source('greenhouse', 'candidates')) }}) as latest
  ) as unnested
)
select
  candidate_id,
  phone_rank,
  {{ json_str('$.value', 'phone') }} as phone_raw,
  {{ json_str('$.type', 'phone') }} as phone_type
from numbers
