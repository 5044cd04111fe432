// Neo4j only: each index's labels or relationship types and properties.
SHOW INDEXES YIELD labelsOrTypes, properties
RETURN labelsOrTypes, properties
