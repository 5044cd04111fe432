// Relationships per type (the relationship is named so FalkorDB counts every one).
MATCH ()-[r]->()
RETURN type(r) AS type, count(r) AS count
ORDER BY type
