// The measures the overlap analysis (issue 5) compares: id, document, text and the document's issue date.
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)
RETURN m.id AS id, m.doc_id AS doc_id, m.text AS text, d.issued AS issued
ORDER BY id
