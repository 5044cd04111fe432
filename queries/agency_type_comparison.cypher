// name: agency_type_comparison
// answers: For each province, which type of agency leads the measures of a topic? One row per province, its agency types most measures first; counts lead units, and responsible units of measures that name no lead.
// param topic: topic — topic code, label or keyword (green_dyeing, 绿色); resolved to $topics
// One topic: read from the TYPE_COUNT summary edges (graph/summaries.py); a term standing
// for several topics: the second part counts each measure once by traversal.
// A row per province rather than per (province, type): a few dozen rows instead of
// hundreds, which is what a client pays for on Neo4j (per-record cost of the driver).
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) = 1
MATCH (:Province)-[s:TYPE_COUNT]->(t)
WITH s
ORDER BY s.province, s.measures DESC, s.agency_type
WITH s.province AS province,
     collect({agency_type: s.agency_type, agency_type_label: s.agency_type_label, measures: s.measures,
              as_lead: s.as_lead, as_responsible: s.measures - s.as_lead, agencies: s.agencies}) AS types
RETURN province, types
ORDER BY province
UNION ALL
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) > 1
WITH t
MATCH (m:Measure)-[:ABOUT]->(t)
WITH DISTINCT m
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m)
WITH m.province AS province, coalesce(a.type, 'unknown') AS agency_type, a, m, r
WITH province, agency_type, count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m ELSE NULL END) AS as_lead,
     collect(DISTINCT a.name) AS agencies
OPTIONAL MATCH (ty:AgencyType {code: agency_type})
WITH province, agency_type, ty.label AS agency_type_label, measures, as_lead, agencies
ORDER BY province, measures DESC, agency_type
WITH province,
     collect({agency_type: agency_type, agency_type_label: agency_type_label, measures: measures,
              as_lead: as_lead, as_responsible: measures - as_lead, agencies: agencies}) AS types
RETURN province, types
ORDER BY province
