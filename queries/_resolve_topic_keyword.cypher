// name: _resolve_topic_keyword
// answers: Topics some measure is ABOUT through exactly this trigger keyword (scans the ABOUT edges: only run when neither the Topic nodes nor the topic lexicon know the term).
// param term: str — a trigger keyword as recorded on ABOUT edges
MATCH (:Measure)-[about:ABOUT]->(k:Topic)
WHERE about.keyword = $term
RETURN DISTINCT k.code AS code
ORDER BY code
