// name: targets
// answers: Which quantified targets do the documents set? In comparable units (normalised_value in 元, % or the count word).
// param metric: str? — part of the metric name (营收, 企业)
// param year: int? — the deadline year (2025)
// param province: province? — only targets of this province's documents
// param limit: limit
// param offset: offset
MATCH (d:Document)-[:HAS_MEASURE|HAS_TARGET*1..2]->(tg:Target)
WHERE ($metric IS NULL OR tg.metric CONTAINS $metric OR tg.text CONTAINS $metric)
  AND ($year IS NULL OR tg.year = $year)
  AND ($province IS NULL OR d.province = $province)
OPTIONAL MATCH (m:Measure)-[:HAS_TARGET]->(tg)
RETURN DISTINCT tg.id AS id, d.doc_id AS doc_id, d.province AS province, m.id AS measure_id, tg.metric AS metric,
       tg.value AS value, tg.value_max AS value_max, tg.unit AS unit, tg.multiplier AS multiplier,
       tg.normalised_value AS normalised_value, tg.normalised_unit AS normalised_unit, tg.year AS year,
       tg.qualifier AS qualifier, tg.text AS text, tg.start AS start, tg.end AS end
ORDER BY province, doc_id, id
SKIP $offset LIMIT $limit
