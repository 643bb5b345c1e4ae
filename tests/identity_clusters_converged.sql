-- Min-label propagation converged: no edge of the person graph joins two different clusters.
-- A failure means var identity_cluster_rounds is too small for the widest component.
select e.left_record_key, e.right_record_key, l.cluster_label as left_label, r.cluster_label as right_label
from {{ ref('person_match_edge') }} as e
join {{ ref('identity_clusters') }} as l on l.record_key = e.left_record_key
join {{ ref('identity_clusters') }} as r on r.record_key = e.right_record_key
where l.cluster_label <> r.cluster_label
