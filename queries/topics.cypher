// name: topics
// answers: Which topics does the graph know, and how many measures are about each?
OPTIONAL MATCH (t:Topic)
OPTIONAL MATCH (m:Measure)-[:ABOUT]->(t)
WITH t, count(DISTINCT m) AS measures
WHERE t IS NOT NULL
RETURN t.code AS code, t.label AS label, measures
ORDER BY code
