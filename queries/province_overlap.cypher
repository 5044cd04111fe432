// name: province_overlap
// answers: Which measures of one province reuse the text of measures of another? SIMILAR_TO pairs between the two provinces with their reuse score (none until the overlap analysis has run).
// param a: province — first province (广东省 or 广东)
// param b: province — second province (湖南省)
// param limit: limit
// param offset: offset
// The edges are read through the SIMILAR_TO score index (every edge has a score in 0-1 and joins two
// measures), hence no labels on the pattern ends; each edge is then taken both ways, as an undirected
// pattern would (the index scan yields it once). The page is sorted on keys and projected after SKIP/LIMIT.
MATCH (src)-[s:SIMILAR_TO]->(dst)
WHERE s.score >= 0.0
UNWIND [[src, dst], [dst, src]] AS pair
WITH pair[0] AS x, s, pair[1] AS y
WITH x, s, y, [x.province, y.province] AS provinces
WHERE provinces = [$a, $b]
WITH x, s, y
ORDER BY s.score DESC, x.id, y.id
SKIP $offset LIMIT $limit
RETURN x.id AS a_id, x.title AS a_title, x.doc_id AS a_doc_id, y.id AS b_id, y.title AS b_title,
       y.doc_id AS b_doc_id, s.score AS score, s.containment AS containment, s.earlier AS earlier
ORDER BY score DESC, a_id, b_id
