// FalkorDB only: an ad-hoc read statement whose row cap the engine applies. FalkorDB sends
// a result set whole, so without a LIMIT it applies, UNWIND range(1, 10000000) AS x RETURN x
// is built, sent and parsed in full (issue 16). graph/falkordb_store.py puts the statement
// in place of the line below `WITH *`; `WITH *` keeps a statement that starts with WITH
// from being read as the subquery's import. The cap comes last, so a statement that closes
// the brace early still ends under it (or does not parse). RETURN * orders the columns
// alphabetically.
CALL {
WITH *
// statement
} RETURN * LIMIT $policykg_row_cap
