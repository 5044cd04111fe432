// The provinces in the graph, by name (graph/summaries.py, name resolution in queries/catalogue.py).
MATCH (p:Province)
RETURN p.name AS name
ORDER BY name
