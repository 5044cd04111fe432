// name: _resolve_province
// answers: Provinces a name as written may stand for (广东 -> 广东省).
// param written: str — the province as written
MATCH (p:Province)
WHERE p.name = $written OR p.name STARTS WITH $written
RETURN p.name AS name, p.name = $written AS exact
ORDER BY exact DESC, name
