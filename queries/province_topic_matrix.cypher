// name: province_topic_matrix
// answers: How many measures does each province have on each topic?
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)-[:ABOUT]->(t:Topic)
WITH d.province AS province, t, count(DISTINCT m) AS measures
RETURN province, t.code AS topic, t.label AS topic_label, measures
ORDER BY province, topic
