// name: agency_type_comparison
// answers: For each province, which type of agency leads the measures of a topic? Counts lead units, and responsible units of measures that name no lead.
// param topic: topic — topic code, label or keyword (green_dyeing, 绿色); resolved to $topics
// One topic: read from the TYPE_COUNT summary edges (graph/summaries.py); a term standing
// for several topics: the second part counts each measure once by traversal.
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) = 1
MATCH (:Province)-[s:TYPE_COUNT]->(t)
RETURN s.province AS province, s.agency_type AS agency_type, s.agency_type_label AS agency_type_label,
       s.measures AS measures,
       s.as_lead AS as_lead, s.measures - s.as_lead AS as_responsible, s.agencies AS agencies
ORDER BY province, measures DESC, agency_type
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
RETURN province, agency_type, ty.label AS agency_type_label, measures, as_lead, measures - as_lead AS as_responsible,
       agencies
ORDER BY province, measures DESC, agency_type
