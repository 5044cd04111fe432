// FalkorDB range indexes. Re-creating an index is an error there, so graph/schema.py
// creates only the missing ones; the key indexes also back the GRAPH.CONSTRAINT
// UNIQUE constraints that graph/schema.py adds after them.
CREATE INDEX FOR (n:Province) ON (n.name);
CREATE INDEX FOR (n:Document) ON (n.doc_id);
CREATE INDEX FOR (n:Measure) ON (n.id);
CREATE INDEX FOR (n:Agency) ON (n.name);
CREATE INDEX FOR (n:AgencyType) ON (n.code);
CREATE INDEX FOR (n:City) ON (n.name);
CREATE INDEX FOR (n:Cluster) ON (n.key);
CREATE INDEX FOR (n:Target) ON (n.id);
CREATE INDEX FOR (n:Topic) ON (n.code);
CREATE INDEX FOR (n:Measure) ON (n.doc_id);
CREATE INDEX FOR (n:Target) ON (n.doc_id);
CREATE INDEX FOR (n:Document) ON (n.province);
// Loading finds the earlier versions of a revised file by its key (store/earlier_versions.cypher).
CREATE INDEX FOR (n:Document) ON (n.source_key);
CREATE INDEX FOR (n:Measure) ON (n.province);
CREATE INDEX FOR (n:Agency) ON (n.type);
CREATE INDEX FOR (n:Cluster) ON (n.name);
CREATE INDEX FOR (n:Cluster) ON (n.province);
// Loading finds a document's previous LOCATED_IN edges by doc_id (write/documents.cypher).
CREATE INDEX FOR ()-[r:LOCATED_IN]-() ON (r.doc_id);
// Overlap queries read SIMILAR_TO edges by score (every edge has one), not by measure.
CREATE INDEX FOR ()-[r:SIMILAR_TO]-() ON (r.score);
// Summary edges (graph/summaries.py) are replaced per province.
CREATE INDEX FOR ()-[r:ROLE_COUNT]-() ON (r.province);
CREATE INDEX FOR ()-[r:TOPIC_ROLE]-() ON (r.province);
// agencies_leading_topic seeks a topic's edges of one role and province by their key
// (graph/schema.py fills the key in on stores written before it existed, then creates this).
CREATE INDEX FOR ()-[r:TOPIC_ROLE]-() ON (r.key);
CREATE INDEX FOR ()-[r:TOPIC_COUNT]-() ON (r.province);
CREATE INDEX FOR ()-[r:TYPE_COUNT]-() ON (r.province);
CREATE INDEX FOR ()-[r:WORKS_WITH]-() ON (r.province);
CREATE INDEX FOR (n:SummaryPending) ON (n.province);
// Documents whose overlaps wait for a recomputation (graph/similar_to.py): one mark per document.
CREATE INDEX FOR (n:OverlapPending) ON (n.doc_id)
