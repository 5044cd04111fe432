// name: measures_brief
// answers: Several measures at once, by id: title, document and the sentences naming their agencies and roles.
// param ids: list — measure ids, comma-separated (000_e7837287f54dd743-36e83a9ffb#19,000_e7837287f54dd743-36e83a9ffb#20)
MATCH (m:Measure)
WHERE m.id IN $ids
OPTIONAL MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH m, a, r ORDER BY a.name
RETURN m.id AS id, m.doc_id AS doc_id, m.title AS title, m.province AS province,
       collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name,
               role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
               evidence: r.evidence} END) AS roles
ORDER BY id
