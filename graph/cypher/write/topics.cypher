// Topic reference nodes (the fixed topic set of SCHEMA.md). $rows: [{code, label}]
UNWIND $rows AS row
MERGE (t:Topic {code: row.code})
SET t.label = row.label
