// FalkorDB only: the indexes of the graph (label, properties, types per property, ...).
CALL db.indexes()
