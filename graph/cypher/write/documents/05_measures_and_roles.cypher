// Measure nodes under staging keys with HAS_MEASURE, and the LEADS / SUPPORTS / RESPONSIBLE_FOR edges
// (graph/record_writer.py _measure_rows, _role_rows).
FOREACH (row IN $batch.measures |
  MERGE (d:Document {doc_id: row.doc_id})
  CREATE (m:Measure {id: '~new~' + row.id})
  SET m += row.props
  CREATE (d)-[:HAS_MEASURE]->(m))
FOREACH (row IN $batch.leads |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:LEADS]->(m)
  SET e = row.props)
FOREACH (row IN $batch.supports |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:SUPPORTS]->(m)
  SET e = row.props)
FOREACH (row IN $batch.responsible |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:RESPONSIBLE_FOR]->(m)
  SET e = row.props)
