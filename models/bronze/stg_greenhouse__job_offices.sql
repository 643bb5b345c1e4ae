-- One row per office of a live Greenhouse job (the office_ids array unnested).
select
  job_id,
  cast(office_id as bigint) as office_id
from (
  select
    {{ json_int('$.id') }} as job_id,
    unnest(cast(json_extract(payload, '$.office_ids') as bigint[])) as office_id
  from ({{ latest_version(source('greenhouse', 'jobs')) }}) as latest
) as unnested
