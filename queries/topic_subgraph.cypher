// name: topic_subgraph
// answers: Who works on a topic, and towards which targets? Each measure about the topic with its lead, co-operating and responsible agencies (quoting the sentence that names them) and its quantified targets.
// param topic: topic — topic code (green_dyeing) or a Chinese label or keyword of it (绿色, 印染); resolved to $topics
// param province: province? — only measures of this province (广东省 or 广东)
// param limit: limit
// param offset: offset
// One topic: the page is cut from the measure ids of the TOPIC_COUNT summary edges
// (graph/summaries.py), its measures found by id (the topic passed on by code: a Topic node
// carried along would make FalkorDB walk all its ABOUT edges per measure); a term standing
// for several topics: the second part traverses.
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) = 1
MATCH (p:Province)-[s:TOPIC_COUNT]->(t)
WHERE $province IS NULL OR p.name = $province
UNWIND s.measure_ids AS measure_id
WITH t.code AS topic_code, measure_id ORDER BY measure_id SKIP $offset LIMIT $limit
MATCH (m:Measure {id: measure_id})
MATCH (m)-[about:ABOUT]->(t:Topic {code: topic_code})
WITH m, [t.code] AS topics, about.keyword AS keyword, about.evidence AS topic_evidence
OPTIONAL MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH m, topics, keyword, topic_evidence, a, r ORDER BY a.name
WITH m, topics, keyword, topic_evidence,
     collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name, agency_type: a.type,
             role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
             written: r.written, evidence: r.evidence} END) AS roles
OPTIONAL MATCH (m)-[:HAS_TARGET]->(tg:Target)
WITH m, topics, keyword, topic_evidence, roles, tg ORDER BY tg.id
RETURN m.id AS id, m.doc_id AS doc_id, m.title AS title, m.province AS province, topics, keyword, topic_evidence,
       roles,
       collect(CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, metric: tg.metric, value: tg.value, unit: tg.unit,
               year: tg.year, text: tg.text} END) AS targets
ORDER BY id
UNION ALL
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) > 1
WITH t
MATCH (m:Measure)-[about:ABOUT]->(t)
WHERE $province IS NULL OR m.province = $province
WITH m, collect(DISTINCT t.code) AS topics, collect(about.keyword)[0] AS keyword,
     collect(about.evidence)[0] AS topic_evidence
ORDER BY m.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH m, topics, keyword, topic_evidence, a, r ORDER BY a.name
WITH m, topics, keyword, topic_evidence,
     collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name, agency_type: a.type,
             role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
             written: r.written, evidence: r.evidence} END) AS roles
OPTIONAL MATCH (m)-[:HAS_TARGET]->(tg:Target)
WITH m, topics, keyword, topic_evidence, roles, tg ORDER BY tg.id
RETURN m.id AS id, m.doc_id AS doc_id, m.title AS title, m.province AS province, topics, keyword, topic_evidence,
       roles,
       collect(CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, metric: tg.metric, value: tg.value, unit: tg.unit,
               year: tg.year, text: tg.text} END) AS targets
ORDER BY id
