// Cluster nodes, Cluster -[:LOCATED_IN]-> City and Measure -[:MENTIONS]-> Cluster
// (graph/record_writer.py _cluster_rows folded by _one_row_each, _measure_cluster_rows).
FOREACH (row IN $batch.clusters |
  MERGE (c:Cluster {key: row.key})
  SET c.name = row.name, c.province = row.province)
FOREACH (row IN $batch.cluster_links |
  MERGE (c:Cluster {key: row.cluster_key})
  MERGE (city:City {name: row.city})
  CREATE (c)-[e:LOCATED_IN]->(city)
  SET e = row.props)
FOREACH (row IN $batch.measure_clusters |
  MERGE (c:Cluster {key: row.cluster_key})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:MENTIONS]->(c)
  SET e = row.props)
