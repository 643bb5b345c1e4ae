-- One row per Greenhouse source.
select source_id, source_name, source_type
from {{ ref('stg_greenhouse__sources') }}
