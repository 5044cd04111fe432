// name: province_reuse_matrix
// answers: How much text do the provinces reuse from each other? For each pair of provinces (and each province with itself, across its documents), the number of SIMILAR_TO measure pairs and their mean and highest score.
// The edges are read through the SIMILAR_TO score index (every edge has a score in 0-1 and joins two measures), so
// the cost follows the number of pairs, not of measures; hence no labels on the pattern ends.
MATCH (x)-[s:SIMILAR_TO]->(y)
WHERE s.score >= 0.0
WITH CASE WHEN x.province <= y.province THEN x.province ELSE y.province END AS province_a,
     CASE WHEN x.province <= y.province THEN y.province ELSE x.province END AS province_b, s
RETURN province_a, province_b, count(s) AS pairs, avg(s.score) AS mean_score, max(s.score) AS max_score
ORDER BY province_a, province_b
