// Write one batch of overlap results (issue 5): (earlier or smaller-id measure)-[:SIMILAR_TO]->(other).
// shared_spans is a JSON list of [a_start, a_end, b_start, b_end, text] (offsets into the measure texts):
// neither engine stores a list of maps as a property.
UNWIND $rows AS row
MATCH (a:Measure {id: row.a_id})
MATCH (b:Measure {id: row.b_id})
MERGE (a)-[s:SIMILAR_TO]->(b)
SET s.score = row.score, s.containment = row.containment, s.jaccard = row.jaccard,
    s.earlier = row.earlier, s.shared_chars = row.shared_chars, s.shared_spans = row.shared_spans
