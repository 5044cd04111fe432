// Stores written before TOPIC_ROLE edges had a key: fill it in as summary_topic_roles.cypher
// writes it ('topic|role|province'). graph/schema.py runs this before creating the key's
// index, so a store with the index has a key on every TOPIC_ROLE edge; $limit edges per
// statement (one transaction each), repeated until none is left.
MATCH ()-[s:TOPIC_ROLE]->(t:Topic)
WHERE s.key IS NULL
WITH s, t LIMIT $limit
SET s.key = t.code + '|' + s.role + '|' + s.province
RETURN count(s) AS done
