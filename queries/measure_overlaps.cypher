// name: measure_overlaps
// answers: Which measures reuse the text of measures of other documents? SIMILAR_TO pairs (earlier or smaller-id measure first), optionally between two provinces or touching one, highest score first (none until the overlap analysis has run).
// param province_a: province? — a province one measure of the pair belongs to (广东省 or 广东)
// param province_b: province? — the province of the other measure (with province_a: pairs between the two)
// param min_score: str? — lowest score (containment, 0-1) a pair needs, e.g. 0.5
// param limit: limit
// param offset: offset
// The edges are found through the SIMILAR_TO score index (every edge has a score in 0-1 and joins two measures), hence
// no labels on the pattern ends; the page is sorted on keys and projected after SKIP/LIMIT.
MATCH (x)-[s:SIMILAR_TO]->(y)
WHERE s.score >= coalesce(toFloat($min_score), 0.0)
WITH x, s, y
WHERE ($province_a IS NULL OR $province_b IS NULL
       OR (x.province = $province_a AND y.province = $province_b)
       OR (x.province = $province_b AND y.province = $province_a))
  AND ($province_a IS NULL OR $province_b IS NOT NULL OR x.province = $province_a OR y.province = $province_a)
  AND ($province_b IS NULL OR $province_a IS NOT NULL OR x.province = $province_b OR y.province = $province_b)
WITH x, s, y
ORDER BY s.score DESC, x.id, y.id
SKIP $offset LIMIT $limit
RETURN x.id AS a_id, x.title AS a_title, x.doc_id AS a_doc_id, x.province AS a_province,
       y.id AS b_id, y.title AS b_title, y.doc_id AS b_doc_id, y.province AS b_province,
       s.score AS score, s.containment AS containment, s.jaccard AS jaccard, s.earlier AS earlier,
       s.shared_chars AS shared_chars, s.shared_spans AS shared_spans
ORDER BY score DESC, a_id, b_id
