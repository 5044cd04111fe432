// Summaries, one province at a time: TOPIC_COUNT edges
// (Province)-[:TOPIC_COUNT {province, measures, measure_ids}]->(Topic): the measures of the
// province's documents about the topic, counted and listed in id order (topic_subgraph
// pages through the list). Token and delete order as in summary_role_counts.cypher.
MATCH (p:Province {name: $province})
SET p.summary_token = $token
WITH p
OPTIONAL MATCH (m:Measure {province: $province})-[:ABOUT]->(t:Topic)
WITH p, t, m ORDER BY m.id
WITH p, t, collect(DISTINCT m.id) AS ids
FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END |
  CREATE (p)-[:TOPIC_COUNT {province: $province, token: $token, measures: size(ids), measure_ids: ids}]->(t))
WITH count(*) AS written
OPTIONAL MATCH ()-[old:TOPIC_COUNT {province: $province}]->()
WHERE old.token <> $token
WITH written, collect(old) AS olds
FOREACH (x IN olds | DELETE x)
RETURN written, size(olds) AS removed
