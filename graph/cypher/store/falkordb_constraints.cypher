// FalkorDB only: the constraints of the graph (type, label, properties, entity type, status).
CALL db.constraints()
