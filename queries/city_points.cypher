// name: city_points
// answers: Which cities does the graph tie to clusters or measures? Each with its province, its clusters and how many measures mention it (the points of the cluster map).
// param province: province? — only cities of this province (广东省 or 广东)
MATCH (c:City)
WHERE $province IS NULL OR c.province = $province
CALL {
  WITH c
  OPTIONAL MATCH (k:Cluster)-[:LOCATED_IN]->(c)
  WITH DISTINCT k ORDER BY k.name
  RETURN collect(k.name) AS clusters
}
CALL {
  WITH c
  OPTIONAL MATCH (m:Measure)-[:MENTIONS]->(c)
  RETURN count(DISTINCT m) AS measures
}
WITH c, clusters, measures
WHERE size(clusters) > 0 OR measures > 0
RETURN c.name AS city, c.province AS province, clusters, size(clusters) AS cluster_count, measures
ORDER BY cluster_count + measures DESC, city
