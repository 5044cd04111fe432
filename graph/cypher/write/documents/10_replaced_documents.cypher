// Documents the batch replaces under another doc_id, bound whole with their measures, targets and
// LOCATED_IN links, and a SummaryPending mark on their provinces (graph/record_writer.py earlier_versions:
// $batch.replaced).
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
