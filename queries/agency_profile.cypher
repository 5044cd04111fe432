// name: agency_profile
// answers: What does one agency do? Its measures by role, the topics of those measures, the targets of measures it leads or is responsible for, and its partner agencies.
// param agency: agency — canonical name or an abbreviation as written (省工信厅), resolved within the province
// param province: province? — the province an abbreviation belongs to (广东省)
// param limit: limit — measures and targets listed (in document order; the counts cover all of them)
// param offset: offset — measures and targets skipped
// Counts, topics and partners come from the ROLE_COUNT, TOPIC_ROLE and WORKS_WITH summary
// edges (graph/summaries.py); each part is collected in its own subquery.
MATCH (a:Agency {name: $agency})
OPTIONAL MATCH (a)-[:OF_TYPE]->(ty:AgencyType)
WITH a, ty
CALL {
  WITH a
  OPTIONAL MATCH (a)-[s:ROLE_COUNT]->(:Province)
  RETURN toInteger(coalesce(sum(s.measures), 0)) AS measure_count, toInteger(coalesce(sum(s.lead), 0)) AS lead_count,
         toInteger(coalesce(sum(s.co), 0)) AS co_count, toInteger(coalesce(sum(s.responsible), 0)) AS responsible_count
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[s:TOPIC_ROLE {role: 'any'}]->(t:Topic)
  WITH t, toInteger(sum(s.measures)) AS topic_measures
  ORDER BY topic_measures DESC, t.code
  RETURN collect(CASE WHEN t IS NULL THEN NULL ELSE {code: t.code, label: t.label, measures: topic_measures} END) AS topics
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[s:WORKS_WITH {kind: 'any'}]-(b:Agency)
  WITH b, toInteger(sum(s.measures)) AS shared
  ORDER BY shared DESC, b.name
  RETURN collect(CASE WHEN b IS NULL THEN NULL ELSE {agency: b.name, shared_measures: shared} END) AS partners
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[:ISSUED]->(d:Document)
  WITH d ORDER BY d.doc_id
  RETURN collect(d.doc_id) AS issued
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[:LEADS|RESPONSIBLE_FOR]->(om:Measure)-[:HAS_TARGET]->(tg:Target)
  WITH om, tg ORDER BY tg.doc_id, tg.start, tg.id
  SKIP $offset LIMIT $limit
  RETURN collect(CASE WHEN tg IS NULL THEN NULL ELSE {id: tg.id, measure_id: om.id, doc_id: tg.doc_id,
             province: om.province, qualifier: tg.qualifier, start: tg.start, end: tg.end, metric: tg.metric, value: tg.value,
             value_max: tg.value_max, unit: tg.unit, multiplier: tg.multiplier, year: tg.year,
             normalised_value: tg.normalised_value, normalised_unit: tg.normalised_unit, text: tg.text} END) AS targets
}
CALL {
  WITH a
  OPTIONAL MATCH (a)-[r:LEADS|SUPPORTS|RESPONSIBLE_FOR]->(m:Measure)
  WITH m, r ORDER BY m.doc_id, m.start, m.id, type(r)
  SKIP $offset LIMIT $limit
  RETURN collect(CASE WHEN m IS NULL THEN NULL ELSE {id: m.id, doc_id: m.doc_id, label: m.label, title: m.title,
             role: CASE type(r) WHEN 'LEADS' THEN 'lead' WHEN 'SUPPORTS' THEN 'co' ELSE 'responsible' END,
             written: r.written, evidence: r.evidence} END) AS measures
}
RETURN a.name AS agency, a.aliases AS aliases, a.level AS level, a.type AS agency_type, ty.label AS agency_type_label,
       a.province AS province, a.known AS known, measure_count, lead_count, co_count, responsible_count,
       lead_count + co_count + responsible_count AS measure_rows,
       measures, topics, targets, partners, issued
