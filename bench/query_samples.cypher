// Benchmark helper (bench/bench_queries.py): sample parameters taken from the loaded graph, so that
// every catalogue query runs on names that exist. Each statement is named by its `// sample:` line.

// sample: provinces
MATCH (d:Document)
RETURN d.province AS province, count(*) AS documents
ORDER BY documents DESC, province
LIMIT 2;

// sample: agency
MATCH (a:Agency)-[:LEADS]->(m:Measure {province: $province})
RETURN a.name AS agency, count(*) AS measures
ORDER BY measures DESC, agency
LIMIT 1;

// sample: city
MATCH (c:City {province: $province})<-[:MENTIONS]-(:Measure)
RETURN c.name AS city, count(*) AS mentions
ORDER BY mentions DESC, city
LIMIT 1;

// sample: measures
MATCH (m:Measure {province: $province})
WITH m ORDER BY m.id
RETURN m.id AS id
LIMIT 3
;

// sample: floor
// reads nothing: what every query pays for the call itself
RETURN 1 AS one
