// Benchmark helper: delete at most $batch relationships; run until it deletes none.
// Run before clear_batch.cypher, so that no node batch holds a hub (a Topic, a Province)
// with tens of thousands of relationships: Neo4j's transaction memory limit refused that at 3k documents.
MATCH ()-[r]->()
WITH r LIMIT $batch
DELETE r
RETURN count(*) AS deleted
