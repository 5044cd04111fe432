// name: overlaps_for
// answers: Which measures of other documents share text with this measure? Its SIMILAR_TO pairs, highest score first, each with shared_spans (JSON list of [a_start, a_end, b_start, b_end, text]; side tells whether this measure is the edge's a or b).
// param measure: str — measure id, <doc_id>#<label> (000_e7837287f54dd743-36e83a9ffb#20)
// param other: str? — only the pair with this other measure id
// param limit: limit
// param offset: offset
// The page is sorted on keys; the side and the long values are read for the page only.
MATCH (m:Measure {id: $measure})-[s:SIMILAR_TO]-(o:Measure)
WHERE $other IS NULL OR o.id = $other
WITH m, s, o
ORDER BY s.score DESC, o.id
SKIP $offset LIMIT $limit
OPTIONAL MATCH (m)-[out:SIMILAR_TO]->(o)
RETURN o.id AS id, o.title AS title, o.doc_id AS doc_id, o.province AS province,
       s.score AS score, s.containment AS containment, s.jaccard AS jaccard, s.earlier AS earlier,
       s.shared_chars AS shared_chars, s.shared_spans AS shared_spans,
       CASE WHEN out IS NULL THEN 'b' ELSE 'a' END AS side
ORDER BY score DESC, id
