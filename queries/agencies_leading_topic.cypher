// name: agencies_leading_topic
// answers: Which agencies lead (or co-lead / are responsible for) the measures of a topic? With measure counts and example measures quoting their source sentences.
// param topic: topic — topic code (green_dyeing) or a Chinese label or keyword of it (绿色, 印染); resolved to $topics
// param province: province? — only measures of this province (广东省 or 广东)
// param role: lead|co|responsible = lead — lead = 牵头, co = 配合/参与, responsible = 责任单位
// param limit: limit
// param offset: offset
// One topic: counts from the TOPIC_ROLE summary edges (graph/summaries.py), sought by their
// 'topic|role|province' key, one seek per province (reading the topic's edges to keep those
// of one province and role read 2,198 edges for 14 at 10k documents; the ends stay unlabelled
// for FalkorDB to seek the index, graph/MODEL.md; TOPIC_ROLE runs from an Agency to a Topic);
// examples from the measure ids they keep: those whose title holds the keyword that made them about the
// topic first, then in document order, so that a topic gives one answer however it is written (code, label, keyword). The page's
// agencies and topic are passed on by key and each example measure, found by id, is walked
// back to them (starting from the agency, FalkorDB would walk all its role edges per example).
// A term standing for several topics: the second part counts each measure once by traversal.
MATCH (p:Province)
WHERE size($topics) = 1 AND ($province IS NULL OR p.name = $province)
WITH $topics[0] + '|' + $role + '|' + p.name AS key
MATCH (a)-[s:TOPIC_ROLE {key: key}]->(t)
WITH t, a, toInteger(sum(s.measures)) AS measure_count, collect(s.examples) AS example_lists
ORDER BY measure_count DESC, a.name
SKIP $offset LIMIT $limit
WITH t.code AS topic_code, a.name AS agency_name, measure_count, example_lists
UNWIND reduce(ids = [], ex IN example_lists | ids + ex) AS example_id
MATCH (m:Measure {id: example_id})
WITH topic_code, agency_name, measure_count, m
MATCH (m)<-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(a:Agency)
WHERE a.name = agency_name
  AND type(r) = CASE $role WHEN 'co' THEN 'SUPPORTS' WHEN 'responsible' THEN 'RESPONSIBLE_FOR' ELSE 'LEADS' END
MATCH (m)-[about:ABOUT]->(t:Topic)
WHERE t.code = topic_code
WITH t, a, measure_count, m, r, about
ORDER BY CASE WHEN m.title CONTAINS about.keyword THEN 0 ELSE 1 END, m.doc_id, m.start, m.id
WITH t, a, measure_count, collect([m, r, about])[..5] AS picked
RETURN a.name AS agency, a.type AS agency_type, a.province AS province, a.level AS level, measure_count,
       [x IN picked | {id: x[0].id, doc_id: x[0].doc_id, title: x[0].title, topics: [t.code], keyword: x[2].keyword,
                       topic_evidence: x[2].evidence, role_evidence: x[1].evidence, written: x[1].written}] AS examples
ORDER BY measure_count DESC, agency
UNION ALL
MATCH (t:Topic)
WHERE t.code IN $topics AND size($topics) > 1
WITH t
MATCH (m:Measure)-[about:ABOUT]->(t)
WHERE $province IS NULL OR m.province = $province
WITH m, about, t
MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WHERE type(r) = CASE $role WHEN 'co' THEN 'SUPPORTS' WHEN 'responsible' THEN 'RESPONSIBLE_FOR' ELSE 'LEADS' END
WITH a, m, r, collect(DISTINCT t.code) AS topic_codes, collect(about.evidence)[0] AS topic_evidence,
     collect(about.keyword)[0] AS keyword
ORDER BY CASE WHEN m.title CONTAINS keyword THEN 0 ELSE 1 END, m.doc_id, m.start, m.id
WITH a, count(m) AS measure_count,
     collect({id: m.id, doc_id: m.doc_id, title: m.title, topics: topic_codes, keyword: keyword,
              topic_evidence: topic_evidence, role_evidence: r.evidence, written: r.written}) AS measures
RETURN a.name AS agency, a.type AS agency_type, a.province AS province, a.level AS level,
       measure_count, measures[..5] AS examples
ORDER BY measure_count DESC, agency
SKIP $offset LIMIT $limit
