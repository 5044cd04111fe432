// name: province_reuse_matrix
// answers: How much text do the provinces reuse from each other? For each pair of provinces (and each province with itself, across its documents), the number of SIMILAR_TO measure pairs and their mean and highest score.
MATCH (x:Measure)-[s:SIMILAR_TO]->(y:Measure)
WITH CASE WHEN x.province <= y.province THEN x.province ELSE y.province END AS province_a,
     CASE WHEN x.province <= y.province THEN y.province ELSE x.province END AS province_b, s
RETURN province_a, province_b, count(s) AS pairs, avg(s.score) AS mean_score, max(s.score) AS max_score
ORDER BY province_a, province_b
