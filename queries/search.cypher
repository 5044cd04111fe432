// name: search
// answers: What in the graph matches a Chinese string? Measures (title or text), agencies (name or as written), clusters and cities.
// param q: str — the string to look for (印染, 工信, 东莞)
// param limit: limit
// param offset: offset
OPTIONAL MATCH (a:Agency)
WHERE a.name CONTAINS $q OR any(w IN coalesce(a.aliases, []) WHERE w CONTAINS $q)
WITH a ORDER BY a.name
WITH collect(CASE WHEN a IS NULL THEN NULL ELSE {kind: 'agency', key: a.name, name: a.name, province: a.province,
     detail: a.type} END) AS agencies
OPTIONAL MATCH (c:City)
WHERE c.name CONTAINS $q
WITH agencies, c ORDER BY c.name
WITH agencies, collect(CASE WHEN c IS NULL THEN NULL ELSE {kind: 'city', key: c.name, name: c.name,
     province: c.province, detail: NULL} END) AS cities
OPTIONAL MATCH (k:Cluster)
WHERE k.name CONTAINS $q
OPTIONAL MATCH (k)-[:LOCATED_IN]->(kc:City)
WITH agencies, cities, k, kc ORDER BY kc.name
WITH agencies, cities, k, collect(kc.name) AS cluster_cities ORDER BY k.key
WITH agencies, cities, collect(CASE WHEN k IS NULL THEN NULL ELSE {kind: 'cluster', key: k.key, name: k.name,
     province: k.province, detail: reduce(s = '', x IN cluster_cities | s + CASE WHEN s = '' THEN '' ELSE '、' END + x)} END) AS clusters
OPTIONAL MATCH (m:Measure)
WHERE m.title CONTAINS $q OR m.text CONTAINS $q
WITH agencies, cities, clusters, m ORDER BY m.id
WITH agencies, cities, clusters, collect(CASE WHEN m IS NULL THEN NULL ELSE {kind: 'measure', key: m.id, name: m.title,
     province: m.province, detail: m.section} END) AS measures
UNWIND agencies + cities + clusters + measures AS hit
RETURN hit.kind AS kind, hit.key AS key, hit.name AS name, hit.province AS province, hit.detail AS detail
SKIP $offset LIMIT $limit
