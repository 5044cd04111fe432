// name: province_overlap
// answers: Which measures of one province reuse the text of measures of another? SIMILAR_TO pairs between the two provinces with their reuse score (none until the overlap analysis has run).
// param a: province — first province (广东省 or 广东)
// param b: province — second province (湖南省)
// param limit: limit
// param offset: offset
MATCH (x:Measure)-[s:SIMILAR_TO]-(y:Measure)
WHERE x.province = $a AND y.province = $b
RETURN x.id AS a_id, x.title AS a_title, x.doc_id AS a_doc_id, y.id AS b_id, y.title AS b_title,
       y.doc_id AS b_doc_id, s.score AS score, s.containment AS containment, s.earlier AS earlier
ORDER BY score DESC, a_id, b_id
SKIP $offset LIMIT $limit
