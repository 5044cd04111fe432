// name: agencies
// answers: Which agencies does the graph know? With their type and how many measures they lead, co-operate on or are responsible for.
// param province: province? — only agencies of this province
// param q: str? — part of the name or of a form as written (工业, 工信)
// param limit: limit
// param offset: offset
// Counts come from the ROLE_COUNT summary edges (graph/summaries.py), one per agency and province.
MATCH (a:Agency)
WHERE ($province IS NULL OR a.province = $province)
  AND ($q IS NULL OR a.name CONTAINS $q OR any(w IN coalesce(a.aliases, []) WHERE w CONTAINS $q))
OPTIONAL MATCH (a)-[s:ROLE_COUNT]->(:Province)
WITH a, toInteger(coalesce(sum(s.measures), 0)) AS measures, toInteger(coalesce(sum(s.lead), 0)) AS lead_count
RETURN a.name AS agency, a.type AS agency_type, a.level AS level, a.province AS province, measures, lead_count
ORDER BY measures DESC, agency
SKIP $offset LIMIT $limit
