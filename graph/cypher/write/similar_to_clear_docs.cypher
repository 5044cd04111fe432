// Remove the overlap results (issue 5) that touch the measures of the documents $doc_ids, before writing new ones.
MATCH (m:Measure)-[s:SIMILAR_TO]-(:Measure)
WHERE m.doc_id IN $doc_ids
DELETE s
