-- One row per live Greenhouse interviews record (latest landed version).
select * exclude (landed_source_id, landed_is_deleted, landed_at)
from {{ ref('base_greenhouse__interviews') }}
where not landed_is_deleted
