// Summaries: drop a province's pending mark once its summaries are rebuilt, unless a
// document was written there since the refresh read the mark (its token changed).
// The SET comes first so that Neo4j holds the node's write lock before reading the token.
MATCH (s:SummaryPending {province: $province})
SET s.claimed = true
WITH s
WHERE s.token = $seen
DELETE s
RETURN count(*) AS done
