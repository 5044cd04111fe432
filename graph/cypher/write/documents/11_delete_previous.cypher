// Step 3: delete the previous versions, the replaced documents and each agency's OF_TYPE edges to
// other types than its latest (graph/record_writer.py batch_params: $batch.typed_agencies, $batch.agency_types).
OPTIONAL MATCH (typed:Agency)-[stale_type:OF_TYPE]->(was:AgencyType)
WHERE typed.name IN $batch.typed_agencies
  AND NOT any(row IN $batch.agency_types WHERE row.agency = typed.name AND row.code = was.code)
WITH edge_lists, node_lists, collect(stale_type) AS stale_types
FOREACH (edges IN edge_lists | FOREACH (r IN edges | DELETE r))
FOREACH (r IN stale_types | DELETE r)
FOREACH (nodes IN node_lists | FOREACH (n IN nodes | DETACH DELETE n))
