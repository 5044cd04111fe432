// Write a batch of policydoc/1 records as ONE statement: atomic on FalkorDB (no
// multi-statement transactions there) and one transaction on Neo4j, so a batch is written
// whole or not at all; graph/ingest.py writes a refused batch again one record at a time.
// One parameter, $batch (graph/record_writer.py batch_params): Neo4j keys its plan cache on the
// types and sizes of list parameters, so one map keeps one plan. It holds $batch.documents
// ({doc_id, document}: one per record, no doc_id twice) and every row list of the batch
// concatenated in record order (rows a record owns carry its doc_id), so that the shared
// nodes' properties end as writing the records one after another would leave them.
// The row lists are top-level lists of small maps: FalkorDB copies a map value each time
// a property of it is read, so per-record row lists nested in $batch.documents cost ~0.2 ms
// per list per record.
// Order matters on FalkorDB: when a statement fails, its undo log restores the
// relationships of deleted nodes wrongly if the statement created entities AFTER
// deleting (ids are reused). So: 1. bind each record's previous version (its measures,
// targets, own edges and the LOCATED_IN links it stated; the aggregation is a barrier);
// 2. write the new versions, measures and targets under staging keys ('~new~' + key)
// since the old ones still hold the keys (row.props never holds a key: Neo4j checks
// uniqueness at each SET); 3. delete the previous versions; 4. give the new nodes their
// keys (SET only, no creation after a delete).
// Row lists go through FOREACH: an empty list is a no-op, whereas UNWIND would end the
// row stream. Shared nodes (Agency, AgencyType, City, Cluster, Topic, Province) are MERGEd
// and never deleted. Each province written (and each record's previous one) gets a
// SummaryPending mark holding $batch.mark: graph/summaries.py rebuilds that province's
// summary edges after the ingest. The previous LOCATED_IN edges (only Cluster->City has
// that type) are found through the relationship index on LOCATED_IN.doc_id.
// An agency has one OF_TYPE edge, the type of the latest record that gives one:
// $batch.agency_types holds that latest type per agency of the batch, and after the
// MERGEs the agency's OF_TYPE edges to other types are deleted ($batch.typed_agencies:
// the same agencies as a plain list, so that the lookup seeks the Agency name index).
// $batch.replaced: documents the batch replaces under ANOTHER doc_id (an earlier version of a
// revised file, or the document a store written before content-hash ids keeps under the file's
// stem; graph/record_writer.py earlier_versions): bound after the writes (none of the batch's new
// nodes has their doc_ids) and deleted whole in step 3 with their measures, targets and
// LOCATED_IN links; their provinces get a SummaryPending mark. An empty list costs four empty
// index seeks, once per statement.
UNWIND $batch.documents AS doc
MERGE (d:Document {doc_id: doc.doc_id})
WITH doc, d
OPTIONAL MATCH (old_measure:Measure {doc_id: doc.doc_id})
WITH doc, d, collect(old_measure) AS old_measures
OPTIONAL MATCH (old_target:Target {doc_id: doc.doc_id})
WITH doc, d, old_measures, collect(old_target) AS old_targets
OPTIONAL MATCH (d)-[own:OF_PROVINCE|ISSUED|MENTIONS]-()
WITH doc, d, old_measures, old_targets, collect(own) AS own_edges
OPTIONAL MATCH ()-[link:LOCATED_IN {doc_id: doc.doc_id}]->()
WITH doc, d, old_measures, old_targets, own_edges, collect(link) AS old_links, d.province AS old_province
SET d = doc.document
WITH collect(old_province) AS old_provinces, collect(own_edges + old_links) AS edge_lists,
     collect(old_measures + old_targets) AS node_lists
FOREACH (province IN old_provinces + $batch.provinces |
  MERGE (pending:SummaryPending {province: province})
  SET pending.token = $batch.mark)
FOREACH (row IN $batch.document_provinces |
  MERGE (d:Document {doc_id: row.doc_id})
  MERGE (p:Province {name: row.name})
  CREATE (d)-[:OF_PROVINCE]->(p))
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
FOREACH (row IN $batch.topics |
  MERGE (t:Topic {code: row.code})
  ON CREATE SET t.label = row.label
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:ABOUT]->(t)
  SET e = row.props)
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
WITH edge_lists, node_lists
OPTIONAL MATCH (gone:Document) WHERE gone.doc_id IN $batch.replaced
WITH edge_lists, node_lists, collect(gone) AS gone_documents, collect(gone.province) AS gone_provinces
OPTIONAL MATCH (gone_measure:Measure) WHERE gone_measure.doc_id IN $batch.replaced
WITH edge_lists, node_lists, gone_documents, gone_provinces, collect(gone_measure) AS gone_measures
OPTIONAL MATCH (gone_target:Target) WHERE gone_target.doc_id IN $batch.replaced
WITH edge_lists, node_lists, gone_documents, gone_provinces, gone_measures, collect(gone_target) AS gone_targets
OPTIONAL MATCH ()-[gone_link:LOCATED_IN]->() WHERE gone_link.doc_id IN $batch.replaced
WITH edge_lists, node_lists + [gone_documents + gone_measures + gone_targets] AS node_lists, gone_provinces,
     collect(gone_link) AS gone_links
FOREACH (province IN gone_provinces |
  MERGE (pending:SummaryPending {province: province})
  SET pending.token = $batch.mark)
WITH edge_lists + [gone_links] AS edge_lists, node_lists
OPTIONAL MATCH (typed:Agency)-[stale_type:OF_TYPE]->(was:AgencyType)
WHERE typed.name IN $batch.typed_agencies
  AND NOT any(row IN $batch.agency_types WHERE row.agency = typed.name AND row.code = was.code)
WITH edge_lists, node_lists, collect(stale_type) AS stale_types
FOREACH (edges IN edge_lists | FOREACH (r IN edges | DELETE r))
FOREACH (r IN stale_types | DELETE r)
FOREACH (nodes IN node_lists | FOREACH (n IN nodes | DETACH DELETE n))
FOREACH (row IN $batch.measures |
  MERGE (m:Measure {id: '~new~' + row.id})
  SET m.id = row.id)
FOREACH (row IN $batch.measure_targets + $batch.document_targets |
  MERGE (t:Target {id: '~new~' + row.id})
  SET t.id = row.id)
RETURN size($batch.documents) AS documents
