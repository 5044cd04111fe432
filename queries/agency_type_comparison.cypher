// name: agency_type_comparison
// answers: For each province, which type of agency leads the measures of a topic? Counts lead units, and responsible units of measures that name no lead.
// param topic: topic — topic code, label or keyword (green_dyeing, 绿色); resolved to $topics
MATCH (t:Topic)
WHERE t.code IN $topics
WITH t
MATCH (m:Measure)-[:ABOUT]->(t)
WITH DISTINCT m
MATCH (a:Agency)-[r:LEADS|RESPONSIBLE_FOR]->(m)
OPTIONAL MATCH (a)-[:OF_TYPE]->(ty:AgencyType)
WITH m.province AS province, coalesce(a.type, 'unknown') AS agency_type, ty.label AS agency_type_label, a, m, r
WITH province, agency_type, agency_type_label, count(DISTINCT m) AS measures,
     count(DISTINCT CASE WHEN type(r) = 'LEADS' THEN m ELSE NULL END) AS as_lead,
     collect(DISTINCT a.name) AS agencies
RETURN province, agency_type, agency_type_label, measures, as_lead, measures - as_lead AS as_responsible, agencies
ORDER BY province, measures DESC, agency_type
