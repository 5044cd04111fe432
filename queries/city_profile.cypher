// name: city_profile
// answers: What does the graph hold about one city? Its clusters, the measures that mention it (with the sentence), the agencies active in those measures and the documents naming it.
// param city: city — prefecture-level city, full name or as written (东莞市 / 东莞)
// Each part is collected in its own subquery, so that no part's rows carry (and group by)
// the lists of the parts before it.
MATCH (c:City {name: $city})
CALL {
  WITH c
  OPTIONAL MATCH (k:Cluster)-[:LOCATED_IN]->(c)
  WITH k ORDER BY k.name
  RETURN collect(DISTINCT k.name) AS clusters
}
CALL {
  WITH c
  OPTIONAL MATCH (m:Measure)-[mention:MENTIONS]->(c)
  WITH m, mention ORDER BY m.doc_id, m.start, m.id
  RETURN collect(CASE WHEN m IS NULL THEN NULL ELSE {id: m.id, doc_id: m.doc_id, title: m.title, written: mention.written,
                 evidence: mention.evidence, start: mention.start, end: mention.end} END) AS measures
}
CALL {
  WITH c
  OPTIONAL MATCH (a:Agency)-[:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(am:Measure)-[:MENTIONS]->(c)
  WITH a, count(DISTINCT am) AS active
  ORDER BY active DESC, a.name
  RETURN collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name, measures: active} END) AS agencies
}
CALL {
  WITH c
  OPTIONAL MATCH (d:Document)-[:MENTIONS]->(c)
  WITH d ORDER BY d.doc_id
  RETURN collect(CASE WHEN d IS NULL THEN NULL ELSE {doc_id: d.doc_id, title: d.title} END) AS documents
}
RETURN c.name AS city, c.province AS province, clusters, measures, agencies, documents
