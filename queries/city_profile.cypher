// name: city_profile
// answers: What does the graph hold about one city? Its clusters, the measures that mention it (with the sentence), the agencies active in those measures and the documents naming it.
// param city: city — prefecture-level city, full name or as written (东莞市 / 东莞)
MATCH (c:City {name: $city})
OPTIONAL MATCH (k:Cluster)-[:LOCATED_IN]->(c)
WITH c, k ORDER BY k.name
WITH c, collect(DISTINCT k.name) AS clusters
OPTIONAL MATCH (m:Measure)-[mention:MENTIONS]->(c)
WITH c, clusters, m, mention ORDER BY m.id
WITH c, clusters,
     collect(CASE WHEN m IS NULL THEN NULL ELSE {id: m.id, doc_id: m.doc_id, title: m.title, written: mention.written,
             evidence: mention.evidence, start: mention.start, end: mention.end} END) AS measures
OPTIONAL MATCH (a:Agency)-[:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(am:Measure)-[:MENTIONS]->(c)
WITH c, clusters, measures, a, count(DISTINCT am) AS active
ORDER BY active DESC, a.name
WITH c, clusters, measures, collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name, measures: active} END) AS agencies
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(c)
WITH c, clusters, measures, agencies, d ORDER BY d.doc_id
RETURN c.name AS city, c.province AS province, clusters, measures, agencies,
       collect(CASE WHEN d IS NULL THEN NULL ELSE {doc_id: d.doc_id, title: d.title} END) AS documents
