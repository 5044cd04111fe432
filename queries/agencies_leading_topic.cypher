// name: agencies_leading_topic
// answers: Which agencies lead (or co-lead / are responsible for) the measures of a topic? With measure counts and example measures quoting their source sentences.
// param topic: topic — topic code (green_dyeing) or a Chinese label or keyword of it (绿色, 印染); resolved to $topics
// param province: province? — only measures of this province (广东省 or 广东)
// param role: lead|co|responsible = lead — lead = 牵头, co = 配合/参与, responsible = 责任单位
// param limit: limit
// param offset: offset
MATCH (t:Topic)
WHERE t.code IN $topics
WITH t
MATCH (m:Measure)-[about:ABOUT]->(t)
WHERE $province IS NULL OR m.province = $province
WITH m, about, t
MATCH (a:Agency)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m)
WHERE type(r) = CASE $role WHEN 'co' THEN 'SUPPORTS' WHEN 'responsible' THEN 'RESPONSIBLE_FOR' ELSE 'LEADS' END
WITH a, m, r, collect(DISTINCT t.code) AS topic_codes, collect(about.evidence)[0] AS topic_evidence,
     collect(about.keyword)[0] AS keyword
ORDER BY CASE WHEN topic_evidence CONTAINS $topic OR m.title CONTAINS $topic THEN 0 ELSE 1 END, m.id
WITH a, count(m) AS measure_count,
     collect({id: m.id, doc_id: m.doc_id, title: m.title, topics: topic_codes, keyword: keyword,
              topic_evidence: topic_evidence, role_evidence: r.evidence, written: r.written}) AS measures
RETURN a.name AS agency, a.type AS agency_type, a.province AS province, a.level AS level,
       measure_count, measures[..5] AS examples
ORDER BY measure_count DESC, agency
SKIP $offset LIMIT $limit
