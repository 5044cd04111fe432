// name: _resolve_city
// answers: Cities a name as written may stand for (东莞 -> 东莞市).
// param written: str — the city as written
MATCH (c:City)
WHERE c.name = $written OR c.name STARTS WITH $written
RETURN c.name AS name, c.name = $written AS exact
ORDER BY exact DESC, name
