// name: province_topic_matrix
// answers: How many measures does each province have on each topic?
// Read from the TOPIC_COUNT summary edges (graph/summaries.py).
MATCH (p:Province)-[s:TOPIC_COUNT]->(t:Topic)
RETURN p.name AS province, t.code AS topic, t.label AS topic_label, s.measures AS measures
ORDER BY province, topic
