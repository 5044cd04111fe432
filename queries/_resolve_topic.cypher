// name: _resolve_topic
// answers: Topic codes a term stands for: the code itself, or topics whose label or trigger keyword contains the term.
// param term: str — topic code, label or keyword
OPTIONAL MATCH (t:Topic)
WHERE t.code = $term OR t.label CONTAINS $term
WITH collect(t.code) AS by_label
OPTIONAL MATCH (:Measure)-[about:ABOUT]->(k:Topic)
WHERE about.keyword = $term
WITH by_label, collect(DISTINCT k.code) AS by_keyword
UNWIND by_label + by_keyword AS code
RETURN DISTINCT code
ORDER BY code
