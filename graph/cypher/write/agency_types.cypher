// AgencyType reference nodes from data/agency_types.tsv. $rows: [{code, label}]
UNWIND $rows AS row
MERGE (t:AgencyType {code: row.code})
SET t.label = row.label
