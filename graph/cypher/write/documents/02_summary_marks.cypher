// A SummaryPending mark, holding $batch.mark, on each province written and each record's previous one
// (graph/record_writer.py batch_params: $batch.provinces, $batch.mark; graph/summaries.py reads the marks).
FOREACH (province IN old_provinces + $batch.provinces |
  MERGE (pending:SummaryPending {province: province})
  SET pending.token = $batch.mark)
