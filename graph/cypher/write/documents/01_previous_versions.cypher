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
//
// This part (graph/record_writer.py batch_params: $batch.documents, each record's doc_id and
// _document_props): MERGE each document, bind its previous version and SET its properties.
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
