// Overlaps: drop every pending mark (after all SIMILAR_TO edges were recomputed).
MATCH (p:OverlapPending)
DELETE p
RETURN count(*) AS done
