// Every province: the set a full summary refresh rebuilds.
MATCH (p:Province)
RETURN p.name AS province
ORDER BY province
