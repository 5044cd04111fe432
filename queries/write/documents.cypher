// Write one policydoc/1 record as ONE statement, so that it is atomic on FalkorDB
// (no multi-statement transactions there); Neo4j runs it in one transaction.
// Order matters on FalkorDB: when a statement fails, its undo log restores the
// relationships of deleted nodes wrongly if the statement created entities AFTER
// deleting (ids are reused). So: 1. bind the previous version (its measures,
// targets, own edges and the LOCATED_IN links it stated); 2. write the new
// version, measures and targets under staging keys ('~new~' + key) since the old
// ones still hold the keys (row.props never holds a key: Neo4j checks uniqueness
// at each SET); 3. delete the previous version; 4. give the new nodes their keys
// (SET only, no creation after a delete).
// Parameters: $doc_id, $document (the Document's properties) and $rows, ONE map
// holding every row list ($rows.measures …): Neo4j keys its plan cache on the
// parameter types including the size of each list parameter, so ~25 list
// parameters of varying lengths made it re-plan this statement for most documents.
// Row lists go through FOREACH: an empty list is a no-op, whereas UNWIND would
// end the row stream. Shared nodes (Agency, AgencyType, City, Cluster, Topic,
// Province) are MERGEd and never deleted. The document's province (and its previous one)
// gets a SummaryPending mark holding $mark: graph/summaries.py rebuilds that province's
// summary edges after the ingest. The previous LOCATED_IN edges (only Cluster->City has
// that type) are found through the relationship index on LOCATED_IN.doc_id, without node labels.
// An agency this document types differently than before (a newer agency table) loses its
// old OF_TYPE edge with the previous version's edges ($rows.typed_agencies: the agencies of
// $rows.agency_types, a plain list so that the lookup seeks the Agency name index).
MERGE (d:Document {doc_id: $doc_id})
WITH d
OPTIONAL MATCH (old_measure:Measure {doc_id: $doc_id})
WITH d, collect(old_measure) AS old_measures
OPTIONAL MATCH (old_target:Target {doc_id: $doc_id})
WITH d, old_measures, collect(old_target) AS old_targets
OPTIONAL MATCH (d)-[own:OF_PROVINCE|ISSUED|MENTIONS]-()
WITH d, old_measures, old_targets, collect(own) AS own_edges
OPTIONAL MATCH ()-[link:LOCATED_IN {doc_id: $doc_id}]->()
WITH d, old_measures, old_targets, own_edges, collect(link) AS old_links
OPTIONAL MATCH (typed:Agency)-[stale_type:OF_TYPE]->(was:AgencyType)
WHERE typed.name IN $rows.typed_agencies
  AND NOT any(row IN $rows.agency_types WHERE row.agency = typed.name AND row.code = was.code)
WITH d, old_measures, old_targets, own_edges, old_links, collect(stale_type) AS stale_types,
     d.province AS old_province
SET d = $document
FOREACH (province IN CASE WHEN old_province IS NULL OR old_province IN $rows.provinces THEN $rows.provinces
                          ELSE $rows.provinces + [old_province] END |
  MERGE (pending:SummaryPending {province: province})
  SET pending.token = $mark)
FOREACH (name IN $rows.provinces |
  MERGE (p:Province {name: name})
  CREATE (d)-[:OF_PROVINCE]->(p))
FOREACH (row IN $rows.agencies |
  MERGE (a:Agency {name: row.name})
  SET a.aliases = coalesce(a.aliases, []) + [w IN row.aliases WHERE NOT w IN coalesce(a.aliases, [])],
      a.level = coalesce(row.level, a.level),
      a.type = coalesce(row.type, a.type),
      a.province = coalesce(row.province, a.province),
      a.known = coalesce(row.known, a.known))
FOREACH (row IN $rows.agency_types |
  MERGE (a:Agency {name: row.agency})
  MERGE (t:AgencyType {code: row.code})
  ON CREATE SET t.label = row.label
  MERGE (a)-[:OF_TYPE]->(t))
FOREACH (row IN $rows.agency_provinces |
  MERGE (a:Agency {name: row.agency})
  MERGE (p:Province {name: row.province})
  MERGE (a)-[:IN_PROVINCE]->(p))
FOREACH (name IN $rows.issuers |
  MERGE (a:Agency {name: name})
  CREATE (a)-[:ISSUED]->(d))
FOREACH (row IN $rows.measures |
  CREATE (m:Measure {id: '~new~' + row.id})
  SET m += row.props
  CREATE (d)-[:HAS_MEASURE]->(m))
FOREACH (row IN $rows.leads |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:LEADS]->(m)
  SET e = row.props)
FOREACH (row IN $rows.supports |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:SUPPORTS]->(m)
  SET e = row.props)
FOREACH (row IN $rows.responsible |
  MERGE (a:Agency {name: row.agency})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (a)-[e:RESPONSIBLE_FOR]->(m)
  SET e = row.props)
FOREACH (row IN $rows.measure_targets |
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (t:Target {id: '~new~' + row.id})
  SET t += row.props
  CREATE (m)-[:HAS_TARGET]->(t))
FOREACH (row IN $rows.document_targets |
  CREATE (t:Target {id: '~new~' + row.id})
  SET t += row.props
  CREATE (d)-[:HAS_TARGET]->(t))
FOREACH (row IN $rows.topics |
  MERGE (t:Topic {code: row.code})
  ON CREATE SET t.label = row.label
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:ABOUT]->(t)
  SET e = row.props)
FOREACH (row IN $rows.cities |
  MERGE (c:City {name: row.name})
  SET c.province = coalesce(row.province, c.province))
FOREACH (row IN $rows.city_provinces |
  MERGE (c:City {name: row.city})
  MERGE (p:Province {name: row.province})
  MERGE (c)-[:IN_PROVINCE]->(p))
FOREACH (row IN $rows.document_cities |
  MERGE (c:City {name: row.city})
  CREATE (d)-[e:MENTIONS]->(c)
  SET e = row.props)
FOREACH (row IN $rows.measure_cities |
  MERGE (c:City {name: row.city})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:MENTIONS]->(c)
  SET e = row.props)
FOREACH (row IN $rows.clusters |
  MERGE (c:Cluster {key: row.key})
  SET c.name = row.name, c.province = row.province)
FOREACH (row IN $rows.cluster_links |
  MERGE (c:Cluster {key: row.cluster_key})
  MERGE (city:City {name: row.city})
  CREATE (c)-[e:LOCATED_IN]->(city)
  SET e = row.props)
FOREACH (row IN $rows.measure_clusters |
  MERGE (c:Cluster {key: row.cluster_key})
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:MENTIONS]->(c)
  SET e = row.props)
FOREACH (r IN own_edges + old_links + stale_types | DELETE r)
FOREACH (n IN old_measures + old_targets | DETACH DELETE n)
FOREACH (row IN $rows.measures |
  MERGE (m:Measure {id: '~new~' + row.id})
  SET m.id = row.id)
FOREACH (row IN $rows.measure_targets + $rows.document_targets |
  MERGE (t:Target {id: '~new~' + row.id})
  SET t.id = row.id)
RETURN d.doc_id AS doc_id, size($rows.measures) AS measures
