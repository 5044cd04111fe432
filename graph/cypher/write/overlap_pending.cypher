// Overlaps: mark documents whose SIMILAR_TO edges wait for a recomputation. graph/ingest.py
// writes the marks of a batch before the batch itself (writing a document drops its
// measures' edges), and drops them once the overlaps of those documents are written, so an
// ingest killed in between leaves them for `policykg refresh` (graph/similar_to.py).
UNWIND $doc_ids AS doc_id
MERGE (:OverlapPending {doc_id: doc_id})
