// Step 4: the new measures and targets take their keys (SET only: no creation after a delete).
// The number of documents written (graph/record_writer.py batch_params: $batch.measures, $batch.measure_targets,
// $batch.document_targets).
FOREACH (row IN $batch.measures |
  MERGE (m:Measure {id: '~new~' + row.id})
  SET m.id = row.id)
FOREACH (row IN $batch.measure_targets + $batch.document_targets |
  MERGE (t:Target {id: '~new~' + row.id})
  SET t.id = row.id)
RETURN size($batch.documents) AS documents
