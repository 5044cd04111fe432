// Summaries, one province at a time: TYPE_COUNT edges
// (Province)-[:TYPE_COUNT {province, agency_type, agency_type_label, measures, as_lead, agencies}]->(Topic): the
// measures about the topic that an agency of the type leads or is responsible for
// (`as_lead`: leads), and those agencies. Token and delete order as in
// summary_role_counts.cypher.
MATCH (p:Province {name: $province})
SET p.summary_token = $token
WITH p
OPTIONAL MATCH (m:Measure {province: $province})-[:ABOUT]->(t:Topic)
WITH p, t, collect(DISTINCT m) AS ms
UNWIND ms AS m
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m)
WITH p, t, coalesce(a.type, 'unknown') AS agency_type, a, m, r
WITH p, t, agency_type, count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m ELSE NULL END) AS as_lead,
     collect(DISTINCT a.name) AS agencies
OPTIONAL MATCH (ty:AgencyType {code: agency_type})
CREATE (p)-[:TYPE_COUNT {province: $province, token: $token, agency_type: agency_type, agency_type_label: ty.label,
                         measures: measures, as_lead: as_lead, agencies: agencies}]->(t)
WITH count(*) AS written
OPTIONAL MATCH ()-[old:TYPE_COUNT {province: $province}]->()
WHERE old.token <> $token
WITH written, collect(old) AS olds
FOREACH (x IN olds | DELETE x)
RETURN written, size(olds) AS removed
