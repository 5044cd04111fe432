// Overlaps: drop the pending marks of documents whose SIMILAR_TO edges were just recomputed.
UNWIND $doc_ids AS doc_id
MATCH (p:OverlapPending {doc_id: doc_id})
DELETE p
RETURN count(*) AS done
