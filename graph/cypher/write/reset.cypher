// Empty the store (constraints and indexes stay).
MATCH (n)
DETACH DELETE n
