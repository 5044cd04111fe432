// City nodes with their province, and the MENTIONS edges of documents and measures
// (graph/record_writer.py _city_rows, _document_city_rows, _measure_city_rows).
FOREACH (row IN $batch.cities |
  MERGE (c:City {name: row.name})
  SET c.province = coalesce(row.province, c.province))
FOREACH (row IN $batch.city_provinces |
  MERGE (c:City {name: row.city})
  MERGE (p:Province {name: row.province})
  MERGE (c)-[:IN_PROVINCE]->(p))
FOREACH (row IN $batch.document_cities |
  MERGE (d:Document {doc_id: row.doc_id})
  MERGE (c:City {name: row.city})
  CREATE (d)-[e:MENTIONS]->(c)
  SET e = row.props)
FOREACH (row IN $batch.measure_cities |
  MERGE (c:City {name: row.city})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:MENTIONS]->(c)
  SET e = row.props)
