// name: _resolve_topic
// answers: Topic codes a term stands for by the Topic nodes alone: the code itself, or topics whose label contains the term (13 nodes, no edge scan).
// param term: str — topic code, label or keyword
MATCH (t:Topic)
WHERE t.code = $term OR t.label CONTAINS $term
RETURN DISTINCT t.code AS code
ORDER BY code
