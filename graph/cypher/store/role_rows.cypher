// One row per agency role on a measure, with the measure's topics: the input of the responsibility networks (issue 5).
MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
WITH a, r, m, collect(t.code) AS topics
RETURN m.id AS measure_id, m.doc_id AS doc_id, m.province AS province, a.name AS agency,
       type(r) AS relationship, a.type AS agency_type, topics
ORDER BY measure_id, agency
