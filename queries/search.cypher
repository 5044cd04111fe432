// name: search
// answers: What in the graph matches a Chinese string? Measures (title or text), agencies (name or as written), clusters and cities.
// param q: str — the string to look for (印染, 工信, 东莞)
// param limit: limit
// param offset: offset
// The hits are agencies, cities, clusters, then measures, each kind in key order, paged.
// Tens of thousands of measures can match: only the first $offset + $limit (by id) are kept,
// as nodes, and only those on the page are turned into maps.
OPTIONAL MATCH (m:Measure)
WHERE m.title CONTAINS $q OR m.text CONTAINS $q
WITH m ORDER BY m.id
WITH collect(m)[..$offset + $limit] AS matched
OPTIONAL MATCH (a:Agency)
WHERE a.name CONTAINS $q OR any(w IN coalesce(a.aliases, []) WHERE w CONTAINS $q)
WITH matched, a ORDER BY a.name
WITH matched, collect(CASE WHEN a IS NULL THEN NULL ELSE {kind: 'agency', key: a.name, name: a.name,
     province: a.province, detail: a.type} END) AS agencies
OPTIONAL MATCH (c:City)
WHERE c.name CONTAINS $q
WITH matched, agencies, c ORDER BY c.name
WITH matched, agencies, collect(CASE WHEN c IS NULL THEN NULL ELSE {kind: 'city', key: c.name, name: c.name,
     province: c.province, detail: NULL} END) AS cities
OPTIONAL MATCH (k:Cluster)
WHERE k.name CONTAINS $q
OPTIONAL MATCH (k)-[:LOCATED_IN]->(kc:City)
WITH matched, agencies, cities, k, kc ORDER BY kc.name
WITH matched, agencies, cities, k, collect(kc.name) AS cluster_cities ORDER BY k.key
WITH matched, agencies, cities, collect(CASE WHEN k IS NULL THEN NULL ELSE {kind: 'cluster', key: k.key, name: k.name,
     province: k.province, detail: reduce(s = '', x IN cluster_cities | s + CASE WHEN s = '' THEN '' ELSE '、' END + x)} END) AS clusters
WITH matched, agencies + cities + clusters AS named
WITH named[$offset..$offset + $limit] AS named_page, matched,
     CASE WHEN $offset > size(named) THEN $offset - size(named) ELSE 0 END AS first,
     CASE WHEN $offset + $limit > size(named) THEN $offset + $limit - size(named) ELSE 0 END AS last
UNWIND named_page + [m IN matched[first..last] | {kind: 'measure', key: m.id, name: m.title, province: m.province,
                                                   detail: m.section}] AS hit
RETURN hit.kind AS kind, hit.key AS key, hit.name AS name, hit.province AS province, hit.detail AS detail
