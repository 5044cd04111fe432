// Summaries, one province at a time: WORKS_WITH edges
// (Agency)-[:WORKS_WITH {province, kind, measures, examples}]->(Agency): the measures of the
// province two agencies share, by kind: lead-co (a lead with a co-operating or responsible
// unit, from the lead), co-co and lead-lead (co-leads; from the smaller name), and any
// (any roles, from the smaller name); `examples` the first five measure ids.
// Token and delete order as in summary_role_counts.cypher.
MATCH (p:Province {name: $province})
SET p.summary_token = $token
WITH p
MATCH (m:Measure {province: $province})<-[ra:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(a:Agency)
MATCH (m)<-[rb:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(b:Agency)
WHERE a <> b
WITH a, b, m,
     CASE type(ra) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_a,
     CASE type(rb) WHEN 'LEADS' THEN 'lead' ELSE 'co' END AS role_b
WITH a, b, m,
     [k IN [CASE WHEN role_a = 'lead' AND role_b = 'co' THEN 'lead-co' ELSE NULL END,
            CASE WHEN role_a = role_b AND a.name < b.name THEN role_a + '-' + role_b ELSE NULL END,
            CASE WHEN a.name < b.name THEN 'any' ELSE NULL END] WHERE k IS NOT NULL] AS kinds
UNWIND kinds AS kind
WITH a, b, kind, m ORDER BY m.id
WITH a, b, kind, collect(DISTINCT m.id) AS ids
CREATE (a)-[:WORKS_WITH {province: $province, token: $token, kind: kind, measures: size(ids),
                         examples: ids[..5]}]->(b)
WITH count(*) AS written
OPTIONAL MATCH ()-[old:WORKS_WITH {province: $province}]->()
WHERE old.token <> $token
WITH written, collect(old) AS olds
FOREACH (x IN olds | DELETE x)
RETURN written, size(olds) AS removed
