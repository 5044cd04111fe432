// name: _provinces
// answers: The provinces in the graph.
MATCH (p:Province)
RETURN p.name AS name
ORDER BY name
