// The stored documents that records read from files replace under another doc_id
// (graph/record_writer.py earlier_versions). $sources: one {doc_id, source_key, source, legacy_id}
// per record. First part: an earlier version of the same file (same source_key and file name,
// another id: the file was revised; graph/record_writer.py keeps the ids of the stem-and-hash form).
// Second part: the document a store written before content-hash ids keeps under the file's
// stem (legacy_id), with the same file name and no source_key.
UNWIND $sources AS source
MATCH (d:Document {source_key: source.source_key})
WHERE d.doc_id <> source.doc_id AND d.source = source.source
RETURN source.doc_id AS doc_id, d.doc_id AS replaced
UNION
UNWIND $sources AS source
MATCH (d:Document {doc_id: source.legacy_id})
WHERE d.source_key IS NULL AND d.source = source.source AND d.doc_id <> source.doc_id
RETURN source.doc_id AS doc_id, d.doc_id AS replaced
