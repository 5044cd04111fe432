// name: cluster_cities
// answers: Which industrial clusters (parks, bases, brands) are tied to which prefecture-level city?
// param province: province? — only clusters of this province (广东省 or 广东)
// param limit: limit
// param offset: offset
// Two parts, each starting with a guard that is empty unless its case applies. With a
// province: the links of its clusters (Cluster.province index) and those to its cities,
// each once. The page is sorted on keys and projected after SKIP/LIMIT.
UNWIND CASE WHEN $province IS NULL THEN [] ELSE [$province] END AS province
CALL {
  WITH province
  OPTIONAL MATCH (:Cluster {province: province})-[l:LOCATED_IN]->(:City)
  RETURN collect(l) AS of_clusters
}
CALL {
  WITH province
  OPTIONAL MATCH (c:City)<-[l:LOCATED_IN]-(:Cluster)
  WHERE c.province = province
  RETURN collect(l) AS of_cities
}
UNWIND of_clusters + of_cities AS l
WITH DISTINCT l
WITH startNode(l) AS k, l, endNode(l) AS c
ORDER BY coalesce(c.province, k.province), c.name, k.name, l.doc_id
SKIP $offset LIMIT $limit
RETURN k.name AS cluster, k.key AS cluster_key, c.name AS city, coalesce(c.province, k.province) AS province,
       l.doc_id AS doc_id, l.evidence AS evidence, l.start AS start, l.end AS end
ORDER BY province, city, cluster, doc_id
UNION ALL
UNWIND CASE WHEN $province IS NULL THEN [1] ELSE [] END AS everywhere
MATCH (k:Cluster)-[l:LOCATED_IN]->(c:City)
WITH k, l, c
ORDER BY coalesce(c.province, k.province), c.name, k.name, l.doc_id
SKIP $offset LIMIT $limit
RETURN k.name AS cluster, k.key AS cluster_key, c.name AS city, coalesce(c.province, k.province) AS province,
       l.doc_id AS doc_id, l.evidence AS evidence, l.start AS start, l.end AS end
ORDER BY province, city, cluster, doc_id
