// Summaries, one province at a time: TOPIC_ROLE edges
// (Agency)-[:TOPIC_ROLE {province, role, key, measures, examples}]->(Topic): how many measures
// of the province about the topic the agency leads (role lead), co-operates on (co), is
// responsible for (responsible), or has any of these roles on (any); `examples` are the
// first ten of those measure ids in id order (agencies_leading_topic picks five); `key` is
// 'topic|role|province', which agencies_leading_topic seeks by index. Token and delete order as in
// summary_role_counts.cypher.
MATCH (p:Province {name: $province})
SET p.summary_token = $token
WITH p
MATCH (m:Measure {province: $province})-[:ABOUT]->(t:Topic)
MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH a, t, m, collect(type(r)) AS types
ORDER BY m.id
WITH a, t, collect(m.id) AS any_ids,
     collect(CASE WHEN 'LEADS' IN types THEN m.id ELSE NULL END) AS lead_ids,
     collect(CASE WHEN 'SUPPORTS' IN types THEN m.id ELSE NULL END) AS co_ids,
     collect(CASE WHEN 'RESPONSIBLE_FOR' IN types THEN m.id ELSE NULL END) AS responsible_ids
FOREACH (part IN [x IN [{role: 'lead', ids: lead_ids}, {role: 'co', ids: co_ids},
                        {role: 'responsible', ids: responsible_ids}, {role: 'any', ids: any_ids}]
                  WHERE size(x.ids) > 0] |
  CREATE (a)-[:TOPIC_ROLE {province: $province, token: $token, role: part.role,
                           key: t.code + '|' + part.role + '|' + $province, measures: size(part.ids),
                           examples: part.ids[..10]}]->(t))
WITH count(*) AS written
OPTIONAL MATCH ()-[old:TOPIC_ROLE {province: $province}]->()
WHERE old.token <> $token
WITH written, collect(old) AS olds
FOREACH (x IN olds | DELETE x)
RETURN written, size(olds) AS removed
