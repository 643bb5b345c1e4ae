-- The connected component of every person-graph record (min-label propagation over
-- person_match_edge, var identity_cluster_rounds rounds).
{{ connected_components(ref('identity_records'), ref('person_match_edge'), var('identity_cluster_rounds', 8)) }}
