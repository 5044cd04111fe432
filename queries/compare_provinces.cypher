// name: compare_provinces
// answers: How do two provinces compare? Side by side: documents, measures per topic, measures led per agency type, and quantified targets.
// param a: province — first province (广东省 or 广东)
// param b: province — second province (湖南省)
// Each part is collected in its own subquery, so that no part's rows carry (and group by)
// the lists of the parts before it. Measures per topic come from the TOPIC_COUNT summary
// edges (graph/summaries.py: the province's measures about the topic, counted once).
UNWIND [{side: 'a', name: $a}, {side: 'b', name: $b}] AS wanted
MATCH (p:Province {name: wanted.name})
WITH wanted.side AS side, p
CALL {
  WITH p
  OPTIONAL MATCH (d:Document)-[:OF_PROVINCE]->(p)
  WITH d ORDER BY d.doc_id
  RETURN collect(DISTINCT d.doc_id) AS documents
}
CALL {
  WITH p
  OPTIONAL MATCH (pd:Document)-[:OF_PROVINCE]->(p)
  OPTIONAL MATCH (pd)-[:HAS_MEASURE]->(m:Measure)
  RETURN count(DISTINCT m) AS measure_count
}
CALL {
  WITH p
  OPTIONAL MATCH (p)-[s:TOPIC_COUNT]->(t:Topic)
  WITH t, s.measures AS n
  ORDER BY n DESC, t.code
  RETURN collect(CASE WHEN t IS NULL THEN NULL ELSE {code: t.code, label: t.label, measures: n} END) AS topics
}
CALL {
  WITH p
  OPTIONAL MATCH (ad:Document)-[:OF_PROVINCE]->(p)
  OPTIONAL MATCH (ad)-[:HAS_MEASURE]->(am:Measure)<-[:LEADS|RESPONSIBLE_FOR]-(ag:Agency)
  WITH coalesce(ag.type, 'unknown') AS agency_type, CASE WHEN ag IS NULL THEN NULL ELSE am END AS am
  WITH agency_type, count(DISTINCT am) AS led
  ORDER BY led DESC, agency_type
  RETURN collect(CASE WHEN led = 0 THEN NULL ELSE {code: agency_type, measures: led} END) AS agency_types
}
CALL {
  WITH p
  OPTIONAL MATCH (gd:Document)-[:OF_PROVINCE]->(p)
  OPTIONAL MATCH (gd)-[:HAS_MEASURE|HAS_TARGET*1..2]->(tg:Target)
  WITH DISTINCT tg, p
  WITH tg, p ORDER BY tg.doc_id, tg.start, tg.id
  RETURN collect(CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, doc_id: tg.doc_id, province: p.name,
                 qualifier: tg.qualifier, start: tg.start, end: tg.end, metric: tg.metric, value: tg.value,
                 value_max: tg.value_max, unit: tg.unit, multiplier: tg.multiplier, year: tg.year,
                 normalised_value: tg.normalised_value, normalised_unit: tg.normalised_unit, text: tg.text} END) AS targets
}
RETURN side, p.name AS province, documents, measure_count, topics, agency_types, targets
ORDER BY side
