// name: _resolve_agency
// answers: Canonical agencies a name as written may stand for, within a province if one is given.
// param names: list — candidate canonical names (exact)
// param written: str — the name as written (省工信厅)
// param province: str? — the province to resolve within
MATCH (a:Agency)
WHERE a.name IN $names
   OR (($province IS NULL OR a.province = $province)
       AND ($written IN coalesce(a.aliases, []) OR a.name CONTAINS $written))
RETURN a.name AS name, a.province AS province, a.name IN $names AS exact,
       $written IN coalesce(a.aliases, []) AS alias
ORDER BY exact DESC, alias DESC, name
