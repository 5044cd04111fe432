// Benchmark baseline (bench/bench_ingest.py): a hand-written bulk loader over the same rows as
// graph/cypher/write/documents.cypher, concatenated over a batch of documents. One statement per row
// kind, each `UNWIND $rows AS row` + MERGE/CREATE, and the `// rows:` line names the row list it takes.
// Nodes first, then the relationships between them (MATCH on the unique keys). No replacement of a
// previous version and no per-document atomicity: the lower bound policykg's loader is compared to.

// rows: provinces
UNWIND $rows AS row
MERGE (:Province {name: row.name});

// rows: documents
UNWIND $rows AS row
MERGE (d:Document {doc_id: row.doc_id})
SET d = row.document;

// rows: agencies
UNWIND $rows AS row
MERGE (a:Agency {name: row.name})
SET a.aliases = coalesce(a.aliases, []) + [w IN row.aliases WHERE NOT w IN coalesce(a.aliases, [])],
    a.level = coalesce(row.level, a.level),
    a.type = coalesce(row.type, a.type),
    a.province = coalesce(row.province, a.province),
    a.known = coalesce(row.known, a.known);

// rows: measures
UNWIND $rows AS row
MATCH (d:Document {doc_id: row.doc_id})
CREATE (m:Measure {id: row.id})
SET m += row.props
CREATE (d)-[:HAS_MEASURE]->(m);

// rows: cities
UNWIND $rows AS row
MERGE (c:City {name: row.name})
SET c.province = coalesce(row.province, c.province);

// rows: clusters
UNWIND $rows AS row
MERGE (c:Cluster {key: row.key})
SET c.name = row.name, c.province = row.province;

// rows: provinces
UNWIND $rows AS row
MATCH (d:Document {doc_id: row.doc_id})
MATCH (p:Province {name: row.name})
CREATE (d)-[:OF_PROVINCE]->(p);

// rows: agency_types
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency})
MERGE (t:AgencyType {code: row.code})
ON CREATE SET t.label = row.label
MERGE (a)-[:OF_TYPE]->(t);

// rows: agency_provinces
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency})
MERGE (p:Province {name: row.province})
MERGE (a)-[:IN_PROVINCE]->(p);

// rows: issuers
UNWIND $rows AS row
MATCH (a:Agency {name: row.name})
MATCH (d:Document {doc_id: row.doc_id})
CREATE (a)-[:ISSUED]->(d);

// rows: leads
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency})
MATCH (m:Measure {id: row.measure_id})
CREATE (a)-[e:LEADS]->(m)
SET e = row.props;

// rows: supports
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency})
MATCH (m:Measure {id: row.measure_id})
CREATE (a)-[e:SUPPORTS]->(m)
SET e = row.props;

// rows: responsible
UNWIND $rows AS row
MATCH (a:Agency {name: row.agency})
MATCH (m:Measure {id: row.measure_id})
CREATE (a)-[e:RESPONSIBLE_FOR]->(m)
SET e = row.props;

// rows: measure_targets
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
CREATE (t:Target {id: row.id})
SET t += row.props
CREATE (m)-[:HAS_TARGET]->(t);

// rows: document_targets
UNWIND $rows AS row
MATCH (d:Document {doc_id: row.doc_id})
CREATE (t:Target {id: row.id})
SET t += row.props
CREATE (d)-[:HAS_TARGET]->(t);

// rows: topics
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
MERGE (t:Topic {code: row.code})
ON CREATE SET t.label = row.label
CREATE (m)-[e:ABOUT]->(t)
SET e = row.props;

// rows: city_provinces
UNWIND $rows AS row
MATCH (c:City {name: row.city})
MERGE (p:Province {name: row.province})
MERGE (c)-[:IN_PROVINCE]->(p);

// rows: document_cities
UNWIND $rows AS row
MATCH (d:Document {doc_id: row.doc_id})
MATCH (c:City {name: row.city})
CREATE (d)-[e:MENTIONS]->(c)
SET e = row.props;

// rows: measure_cities
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
MATCH (c:City {name: row.city})
CREATE (m)-[e:MENTIONS]->(c)
SET e = row.props;

// rows: cluster_links
UNWIND $rows AS row
MATCH (c:Cluster {key: row.cluster_key})
MATCH (city:City {name: row.city})
CREATE (c)-[e:LOCATED_IN]->(city)
SET e = row.props;

// rows: measure_clusters
UNWIND $rows AS row
MATCH (m:Measure {id: row.measure_id})
MATCH (c:Cluster {key: row.cluster_key})
CREATE (m)-[e:MENTIONS]->(c)
SET e = row.props
