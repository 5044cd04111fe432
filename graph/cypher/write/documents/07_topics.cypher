// Measure -[:ABOUT]-> Topic, with the triggering keyword and sentence (graph/record_writer.py _topic_rows).
FOREACH (row IN $batch.topics |
  MERGE (t:Topic {code: row.code})
  ON CREATE SET t.label = row.label
  MERGE (m:Measure {id: '~new~' + row.measure_id})
  CREATE (m)-[e:ABOUT]->(t)
  SET e = row.props)
