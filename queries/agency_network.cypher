// name: agency_network
// answers: Which agencies work together? Agency-agency edges weighted by the measures they share: lead-co (a lead with its co-operating or responsible units), co-co and lead-lead (co-leads).
// param province: province? — only measures of this province
// param topic: topic? — only measures of this topic (code, label or keyword); resolved to $topics
// param limit: limit
// param offset: offset
OPTIONAL MATCH (tm:Measure)-[:ABOUT]->(t:Topic)
WHERE t.code IN coalesce($topics, [])
WITH collect(DISTINCT CASE WHEN t IS NULL THEN NULL ELSE tm.id END) AS topic_measures
MATCH (a:Agency)-[ra:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)<-[rb:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(b:Agency)
WHERE a <> b
  AND ($province IS NULL OR m.province = $province)
  AND ($topics IS NULL OR m.id IN topic_measures)
WITH a, b, m,
     CASE type(ra) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_a,
     CASE type(rb) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_b
WHERE (role_a = 'lead' AND role_b = 'co') OR (role_a = role_b AND a.name < b.name)
WITH a, b, role_a + '-' + role_b AS kind, m ORDER BY m.id
WITH a.name AS source, b.name AS target, kind, count(DISTINCT m) AS weight, collect(DISTINCT m.id) AS measure_ids
RETURN source, target, kind, weight, measure_ids[..5] AS examples
ORDER BY weight DESC, source, target, kind
SKIP $offset LIMIT $limit
