// Summaries (graph/summaries.py), one province at a time: ROLE_COUNT edges
// (Agency)-[:ROLE_COUNT {province, measures, lead, co, responsible}]->(Province),
// how many measures of the province's documents the agency leads (LEADS), co-operates
// on (SUPPORTS) or is responsible for (RESPONSIBLE_FOR); `measures` counts each once.
// New edges carry $token; the province's older ones are deleted after them (creating
// after deleting upsets FalkorDB's undo log when a statement fails). Setting the Province's
// summary_token first makes Neo4j lock it, so concurrent refreshes of one province run one
// after the other and the later one deletes the earlier one's edges (FalkorDB runs one
// statement at a time anyway).
MATCH (p:Province {name: $province})
SET p.summary_token = $token
WITH p
OPTIONAL MATCH (m:Measure {province: $province})<-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(a:Agency)
WITH p, a, count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m ELSE NULL END) AS lead,
     count(DISTINCT CASE WHEN type(r) = 'SUPPORTS' THEN m ELSE NULL END) AS co,
     count(DISTINCT CASE WHEN type(r) = 'RESPONSIBLE_FOR' THEN m ELSE NULL END) AS responsible
FOREACH (_ IN CASE WHEN a IS NULL THEN [] ELSE [1] END |
  CREATE (a)-[:ROLE_COUNT {province: $province, token: $token, measures: measures, lead: lead, co: co,
                           responsible: responsible}]->(p))
WITH count(*) AS written
OPTIONAL MATCH ()-[old:ROLE_COUNT {province: $province}]->()
WHERE old.token <> $token
WITH written, collect(old) AS olds
FOREACH (x IN olds | DELETE x)
RETURN written, size(olds) AS removed
