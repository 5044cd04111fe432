// Remove the results of an earlier overlap analysis (issue 5) before writing new ones.
MATCH (:Measure)-[s:SIMILAR_TO]->(:Measure)
DELETE s
