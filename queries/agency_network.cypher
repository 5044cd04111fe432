// name: agency_network
// answers: Which agencies work together? Agency-agency edges weighted by the measures they share: lead-co (a lead with its co-operating or responsible units), co-co and lead-lead (co-leads).
// param province: province? — only measures of this province
// param topic: topic? — only measures of this topic (code, label or keyword); resolved to $topics
// param limit: limit
// param offset: offset
// No topic: read from the WORKS_WITH summary edges (graph/summaries.py), one per agency
// pair, kind and province (the first part seeks them by province through the relationship
// index, hence no node labels; the second adds up the provinces). With a topic the third
// part traverses the topic's measures. Each part starts with an UNWIND that is empty unless
// its case applies, so the other parts cost nothing.
UNWIND CASE WHEN $topics IS NULL AND $province IS NOT NULL THEN [$province] ELSE [] END AS province
MATCH (a)-[s:WORKS_WITH {province: province}]->(b)
WHERE s.kind <> 'any'
WITH a.name AS source, b.name AS target, s
ORDER BY s.measures DESC, source, target, s.kind
SKIP $offset LIMIT $limit
RETURN source, target, s.kind AS kind, s.measures AS weight, s.examples AS examples
UNION ALL
UNWIND CASE WHEN $topics IS NULL AND $province IS NULL THEN [1] ELSE [] END AS everywhere
MATCH (a)-[s:WORKS_WITH]->(b)
WHERE s.kind <> 'any'
WITH a.name AS source, b.name AS target, s.kind AS kind, toInteger(sum(s.measures)) AS weight, collect(s.examples) AS lists
ORDER BY weight DESC, source, target, kind
SKIP $offset LIMIT $limit
UNWIND reduce(ids = [], ex IN lists | ids + ex) AS example_id
WITH source, target, kind, weight, example_id ORDER BY example_id
WITH source, target, kind, weight, collect(example_id) AS ids
RETURN source, target, kind, weight, ids[..5] AS examples
ORDER BY weight DESC, source, target, kind
UNION ALL
MATCH (t:Topic)
WHERE t.code IN $topics
WITH t
MATCH (m:Measure)-[:ABOUT]->(t)
WHERE $province IS NULL OR m.province = $province
WITH DISTINCT m
MATCH (a:Agency)-[ra:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)<-[rb:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(b:Agency)
WHERE a <> b
WITH a, b, m,
     CASE type(ra) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_a,
     CASE type(rb) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_b
WHERE (role_a = 'lead' AND role_b = 'co') OR (role_a = role_b AND a.name < b.name)
WITH a, b, role_a + '-' + role_b AS kind, m ORDER BY m.id
WITH a.name AS source, b.name AS target, kind, count(DISTINCT m) AS weight, collect(DISTINCT m.id) AS measure_ids
RETURN source, target, kind, weight, measure_ids[..5] AS examples
ORDER BY weight DESC, source, target, kind
SKIP $offset LIMIT $limit
