// name: compare_provinces
// answers: How do two provinces compare? Side by side: documents, measures per topic, measures led per agency type, and quantified targets.
// param a: province — first province (广东省 or 广东)
// param b: province — second province (湖南省)
UNWIND [{side: 'a', name: $a}, {side: 'b', name: $b}] AS wanted
MATCH (p:Province {name: wanted.name})
WITH wanted.side AS side, p
OPTIONAL MATCH (d:Document)-[:OF_PROVINCE]->(p)
WITH side, p, d ORDER BY d.doc_id
WITH side, p, collect(DISTINCT d.doc_id) AS documents
OPTIONAL MATCH (pd:Document)-[:OF_PROVINCE]->(p)
OPTIONAL MATCH (pd)-[:HAS_MEASURE]->(m:Measure)
WITH side, p, documents, count(DISTINCT m) AS measure_count
OPTIONAL MATCH (td:Document)-[:OF_PROVINCE]->(p)
OPTIONAL MATCH (td)-[:HAS_MEASURE]->(tm:Measure)-[:ABOUT]->(t:Topic)
WITH side, p, documents, measure_count, t, count(DISTINCT tm) AS n
ORDER BY n DESC, t.code
WITH side, p, documents, measure_count, collect(CASE WHEN t IS NULL THEN NULL ELSE {code: t.code, label: t.label, measures: n} END) AS topics
OPTIONAL MATCH (ad:Document)-[:OF_PROVINCE]->(p)
OPTIONAL MATCH (ad)-[:HAS_MEASURE]->(am:Measure)<-[:LEADS|RESPONSIBLE_FOR]-(ag:Agency)
WITH side, p, documents, measure_count, topics, coalesce(ag.type, 'unknown') AS agency_type,
     CASE WHEN ag IS NULL THEN NULL ELSE am END AS am
WITH side, p, documents, measure_count, topics, agency_type, count(DISTINCT am) AS led
ORDER BY led DESC, agency_type
WITH side, p, documents, measure_count, topics,
     collect(CASE WHEN led = 0 THEN NULL ELSE {code: agency_type, measures: led} END) AS agency_types
OPTIONAL MATCH (gd:Document)-[:OF_PROVINCE]->(p)
OPTIONAL MATCH (gd)-[:HAS_MEASURE|HAS_TARGET*1..2]->(tg:Target)
WITH side, p, documents, measure_count, topics, agency_types, tg ORDER BY tg.id
WITH side, p, documents, measure_count, topics, agency_types,
     collect(DISTINCT CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, metric: tg.metric, value: tg.value,
             value_max: tg.value_max, unit: tg.unit, multiplier: tg.multiplier, year: tg.year,
             normalised_value: tg.normalised_value, normalised_unit: tg.normalised_unit, text: tg.text} END) AS targets
RETURN side, p.name AS province, documents, measure_count, topics, agency_types, targets
ORDER BY side
