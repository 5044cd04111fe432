// Document -[:OF_PROVINCE]-> Province (graph/record_writer.py batch_params: $batch.document_provinces).
FOREACH (row IN $batch.document_provinces |
  MERGE (d:Document {doc_id: row.doc_id})
  MERGE (p:Province {name: row.name})
  CREATE (d)-[:OF_PROVINCE]->(p))
