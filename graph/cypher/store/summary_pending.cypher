// Provinces whose summaries wait for a refresh (written by write/documents.cypher), with the
// token of the last document written there.
MATCH (s:SummaryPending)
RETURN s.province AS province, s.token AS token
ORDER BY province
