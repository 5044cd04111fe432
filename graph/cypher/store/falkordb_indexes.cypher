// FalkorDB only: the indexes of the graph (label, properties, types per property, status).
CALL db.indexes() YIELD label, properties, types, status
RETURN label, properties, types, status
