// name: topics
// answers: Which topics does the graph know, and how many measures are about each?
// Counts from the TOPIC_COUNT summary edges (graph/summaries.py), one per province and topic.
MATCH (t:Topic)
OPTIONAL MATCH (:Province)-[s:TOPIC_COUNT]->(t)
RETURN t.code AS code, t.label AS label, toInteger(coalesce(sum(s.measures), 0)) AS measures
ORDER BY code
