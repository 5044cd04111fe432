// name: measure
// answers: One measure in full: its document, who leads / co-operates / is responsible, its targets, topics and places, each with the source sentence and its character span.
// param id: str — measure id, <doc_id>#<label> (000_e7837287f54dd743-36e83a9ffb#19)
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure {id: $id})
OPTIONAL MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WITH d, m, a, r ORDER BY type(r), r.start, a.name
WITH d, m, collect(CASE WHEN a IS NULL THEN NULL ELSE {agency: a.name,
     role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
     written: r.written, evidence: r.evidence, start: r.start, end: r.end} END) AS roles
OPTIONAL MATCH (m)-[:HAS_TARGET]->(tg:Target)
WITH d, m, roles, tg ORDER BY tg.start, tg.id
WITH d, m, roles, collect(CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, doc_id: tg.doc_id, province: m.province,
     measure_id: m.id, metric: tg.metric, value: tg.value,
     value_max: tg.value_max, unit: tg.unit, multiplier: tg.multiplier, year: tg.year, qualifier: tg.qualifier,
     normalised_value: tg.normalised_value, normalised_unit: tg.normalised_unit, text: tg.text,
     start: tg.start, end: tg.end} END) AS targets
OPTIONAL MATCH (m)-[about:ABOUT]->(t:Topic)
WITH d, m, roles, targets, about, t ORDER BY t.code
WITH d, m, roles, targets, collect(CASE WHEN t IS NULL THEN NULL ELSE {code: t.code, label: t.label,
     keyword: about.keyword, evidence: about.evidence, start: about.start, end: about.end} END) AS topics
OPTIONAL MATCH (m)-[mention:MENTIONS]->(place)
WITH d, m, roles, targets, topics, mention, place ORDER BY mention.start
RETURN m.id AS id, m.label AS label, m.title AS title, m.section AS section, m.text AS text,
       m.start AS start, m.end AS end, m.province AS province,
       {doc_id: d.doc_id, title: d.title, doc_number: d.doc_number, issued: d.issued, kind: d.kind,
        province: d.province} AS document,
       roles, targets, topics,
       collect(CASE WHEN place IS NULL THEN NULL ELSE {kind: CASE WHEN place:City THEN 'city' ELSE 'cluster' END,
               name: place.name, written: mention.written, evidence: mention.evidence,
               start: mention.start, end: mention.end} END) AS places
