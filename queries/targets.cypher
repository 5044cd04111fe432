// name: targets
// answers: Which quantified targets do the documents set? In comparable units (normalised_value in 元, % or the count word).
// param metric: str? — part of the metric name (营收, 企业)
// param year: int? — the deadline year (2025)
// param province: province? — only targets of this province's documents
// param limit: limit
// param offset: offset
// Two parts, each starting with a guard that is empty unless its case applies: with a
// province the documents are found through the Document.province index, without one all
// are read. The page is sorted on keys; a target's measure (it has at most one) and the
// row values are read for the page only.
UNWIND CASE WHEN $province IS NULL THEN [] ELSE [$province] END AS province
MATCH (d:Document {province: province})
WITH d
MATCH (d)-[:HAS_MEASURE|HAS_TARGET*1..2]->(tg:Target)
WHERE ($metric IS NULL OR tg.metric CONTAINS $metric OR tg.text CONTAINS $metric)
  AND ($year IS NULL OR tg.year = $year)
WITH DISTINCT d, tg
ORDER BY d.province, d.doc_id, tg.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (m:Measure)-[:HAS_TARGET]->(tg)
RETURN tg.id AS id, d.doc_id AS doc_id, d.province AS province, m.id AS measure_id, tg.metric AS metric,
       tg.value AS value, tg.value_max AS value_max, tg.unit AS unit, tg.multiplier AS multiplier,
       tg.normalised_value AS normalised_value, tg.normalised_unit AS normalised_unit, tg.year AS year,
       tg.qualifier AS qualifier, tg.text AS text, tg.start AS start, tg.end AS end
ORDER BY province, doc_id, id
UNION ALL
UNWIND CASE WHEN $province IS NULL THEN [1] ELSE [] END AS everywhere
MATCH (d:Document)-[:HAS_MEASURE|HAS_TARGET*1..2]->(tg:Target)
WHERE ($metric IS NULL OR tg.metric CONTAINS $metric OR tg.text CONTAINS $metric)
  AND ($year IS NULL OR tg.year = $year)
WITH DISTINCT d, tg
ORDER BY d.province, d.doc_id, tg.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (m:Measure)-[:HAS_TARGET]->(tg)
RETURN tg.id AS id, d.doc_id AS doc_id, d.province AS province, m.id AS measure_id, tg.metric AS metric,
       tg.value AS value, tg.value_max AS value_max, tg.unit AS unit, tg.multiplier AS multiplier,
       tg.normalised_value AS normalised_value, tg.normalised_unit AS normalised_unit, tg.year AS year,
       tg.qualifier AS qualifier, tg.text AS text, tg.start AS start, tg.end AS end
ORDER BY province, doc_id, id
