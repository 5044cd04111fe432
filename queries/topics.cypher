// name: topics
// answers: Which topics does the graph know, and how many measures are about each?
MATCH (t:Topic)
RETURN t.code AS code, t.label AS label, size([(t)<-[:ABOUT]-(m:Measure) | m]) AS measures
ORDER BY code
