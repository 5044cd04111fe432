// name: agency_types
// answers: Which agency types does the graph know? Each with its label and how many agencies have it.
MATCH (ty:AgencyType)<-[:OF_TYPE]-(a:Agency)
RETURN ty.code AS code, ty.label AS label, count(a) AS agencies
ORDER BY agencies DESC, code
