-- One row per live Greenhouse scorecards record (latest landed version).
select * exclude (landed_source_id, landed_is_deleted, landed_at)
from {{ ref('base_greenhouse__scorecards') }}
where not landed_is_deleted
