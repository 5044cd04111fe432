// Target nodes under staging keys, of measures and of documents, with HAS_TARGET
// (graph/record_writer.py _target_rows).
FOREACH (row IN $batch.measure_targets |
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (t:Target {id: '~new~' + row.id})
  SET t += row.props
  CREATE (m)-[:HAS_TARGET]->(t))
FOREACH (row IN $batch.document_targets |
  MERGE (d:Document {doc_id: row.doc_id})
  CREATE (t:Target {id: '~new~' + row.id})
  SET t += row.props
  CREATE (d)-[:HAS_TARGET]->(t))
