// Documents whose SIMILAR_TO edges wait for a recomputation (write/overlap_pending.cypher).
MATCH (p:OverlapPending)
RETURN p.doc_id AS doc_id
ORDER BY doc_id
