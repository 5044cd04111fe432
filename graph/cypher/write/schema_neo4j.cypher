// Neo4j 5 schema: one uniqueness constraint per node key, lookup indexes; idempotent (IF NOT EXISTS).
CREATE CONSTRAINT province_name IF NOT EXISTS FOR (n:Province) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT document_doc_id IF NOT EXISTS FOR (n:Document) REQUIRE n.doc_id IS UNIQUE;
CREATE CONSTRAINT measure_id IF NOT EXISTS FOR (n:Measure) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT agency_name IF NOT EXISTS FOR (n:Agency) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT agency_type_code IF NOT EXISTS FOR (n:AgencyType) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT city_name IF NOT EXISTS FOR (n:City) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT cluster_key IF NOT EXISTS FOR (n:Cluster) REQUIRE n.key IS UNIQUE;
CREATE CONSTRAINT target_id IF NOT EXISTS FOR (n:Target) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_code IF NOT EXISTS FOR (n:Topic) REQUIRE n.code IS UNIQUE;
CREATE INDEX measure_doc_id IF NOT EXISTS FOR (n:Measure) ON (n.doc_id);
CREATE INDEX target_doc_id IF NOT EXISTS FOR (n:Target) ON (n.doc_id);
CREATE INDEX document_province IF NOT EXISTS FOR (n:Document) ON (n.province);
// Loading finds the earlier versions of a revised file by its key (store/earlier_versions.cypher).
CREATE INDEX document_source_key IF NOT EXISTS FOR (n:Document) ON (n.source_key);
CREATE INDEX measure_province IF NOT EXISTS FOR (n:Measure) ON (n.province);
CREATE INDEX agency_type IF NOT EXISTS FOR (n:Agency) ON (n.type);
CREATE INDEX cluster_name IF NOT EXISTS FOR (n:Cluster) ON (n.name);
CREATE INDEX cluster_province IF NOT EXISTS FOR (n:Cluster) ON (n.province);
// search (CONTAINS on the titles and texts of 200k+ measures): Neo4j's trigram text indexes
// answer CONTAINS without reading every Measure (10k documents: 700-900 ms -> 30-240 ms).
// FalkorDB has no index for CONTAINS; there the same statement scans.
CREATE TEXT INDEX measure_title_text IF NOT EXISTS FOR (n:Measure) ON (n.title);
CREATE TEXT INDEX measure_text_text IF NOT EXISTS FOR (n:Measure) ON (n.text);
// Loading finds a document's previous LOCATED_IN edges by doc_id (write/documents.cypher).
CREATE INDEX located_in_doc_id IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.doc_id);
// Overlap queries read SIMILAR_TO edges by score (every edge has one), not by measure.
CREATE INDEX similar_to_score IF NOT EXISTS FOR ()-[r:SIMILAR_TO]-() ON (r.score);
// Summary edges (graph/summaries.py) are replaced per province; one pending mark per province.
CREATE CONSTRAINT summary_pending_province IF NOT EXISTS FOR (n:SummaryPending) REQUIRE n.province IS UNIQUE;
// Documents whose overlaps wait for a recomputation (graph/similar_to.py): one mark per document.
CREATE CONSTRAINT overlap_pending_doc_id IF NOT EXISTS FOR (n:OverlapPending) REQUIRE n.doc_id IS UNIQUE;
CREATE INDEX role_count_province IF NOT EXISTS FOR ()-[r:ROLE_COUNT]-() ON (r.province);
CREATE INDEX topic_role_province IF NOT EXISTS FOR ()-[r:TOPIC_ROLE]-() ON (r.province);
// agencies_leading_topic seeks a topic's edges of one role and province by their key
// (graph/schema.py fills the key in on stores written before it existed, then creates this).
CREATE INDEX topic_role_key IF NOT EXISTS FOR ()-[r:TOPIC_ROLE]-() ON (r.key);
CREATE INDEX topic_count_province IF NOT EXISTS FOR ()-[r:TOPIC_COUNT]-() ON (r.province);
CREATE INDEX type_count_province IF NOT EXISTS FOR ()-[r:TYPE_COUNT]-() ON (r.province);
CREATE INDEX works_with_province IF NOT EXISTS FOR ()-[r:WORKS_WITH]-() ON (r.province);
CALL db.awaitIndexes(60)
