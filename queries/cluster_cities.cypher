// name: cluster_cities
// answers: Which industrial clusters (parks, bases, brands) are tied to which prefecture-level city?
// param province: province? — only clusters of this province (广东省 or 广东)
// param limit: limit
// param offset: offset
MATCH (k:Cluster)-[l:LOCATED_IN]->(c:City)
WHERE $province IS NULL OR k.province = $province OR c.province = $province
RETURN k.name AS cluster, k.key AS cluster_key, c.name AS city, coalesce(c.province, k.province) AS province,
       l.doc_id AS doc_id, l.evidence AS evidence, l.start AS start, l.end AS end
ORDER BY province, city, cluster, doc_id
SKIP $offset LIMIT $limit
