// Agency nodes (aliases, level, type, province, known), their OF_TYPE and IN_PROVINCE edges and ISSUED
// (graph/record_writer.py _agency_rows folded by _merged_agency; agency_types, agency_provinces of
// document_params; issuers).
FOREACH (row IN $batch.agencies |
  MERGE (a:Agency {name: row.name})
  SET a.aliases = coalesce(a.aliases, []) + [w IN row.aliases WHERE NOT w IN coalesce(a.aliases, [])],
      a.level = coalesce(row.level, a.level),
      a.type = coalesce(row.type, a.type),
      a.province = coalesce(row.province, a.province),
      a.known = coalesce(row.known, a.known))
FOREACH (row IN $batch.agency_types |
  MERGE (a:Agency {name: row.agency})
  MERGE (t:AgencyType {code: row.code})
  ON CREATE SET t.label = row.label
  MERGE (a)-[:OF_TYPE]->(t))
FOREACH (row IN $batch.agency_provinces |
  MERGE (a:Agency {name: row.agency})
  MERGE (p:Province {name: row.province})
  MERGE (a)-[:IN_PROVINCE]->(p))
FOREACH (row IN $batch.issuers |
  MERGE (d:Document {doc_id: row.doc_id})
  MERGE (a:Agency {name: row.name})
  CREATE (a)-[:ISSUED]->(d))
