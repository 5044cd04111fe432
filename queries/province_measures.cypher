// name: province_measures
// answers: How many measures does each province have? Optionally only those of a topic, and only those in which an agency of a type holds a role (the colours of the overview map).
// param topic: topic? — topic code (green_dyeing) or a Chinese label or keyword of it (绿色, 印染); resolved to $topics
// param role: lead|co|responsible|any = any — the role the agency holds: lead = 牵头, co = 配合/参与, responsible = 责任单位
// param agency_type: str? — agency type code (industry_it, commerce …; GET /overview lists them)
// A measure counts once however many of its topics or agencies match.
MATCH (m:Measure)
WHERE m.province IS NOT NULL
OPTIONAL MATCH (m)-[:ABOUT]->(t:Topic)
WITH m, collect(t.code) AS codes
WHERE $topics IS NULL OR any(code IN codes WHERE code IN $topics)
OPTIONAL MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH m, collect({role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
                 agency_type: a.type}) AS holders
WHERE ($role = 'any' AND $agency_type IS NULL)
   OR any(h IN holders WHERE ($role = 'any' OR h.role = $role)
                         AND ($agency_type IS NULL OR h.agency_type = $agency_type))
RETURN m.province AS province, count(m) AS measures
ORDER BY measures DESC, province
