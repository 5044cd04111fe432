// Per province: documents, measures, distinct agencies holding a role in them, targets.
MATCH (p:Province)
OPTIONAL MATCH (p)<-[of:OF_PROVINCE]-(d:Document)
OPTIONAL MATCH (d)-[hm:HAS_MEASURE]->(m:Measure)
WITH p, count(DISTINCT d) AS documents, count(DISTINCT m) AS measures
OPTIONAL MATCH (p)<-[of:OF_PROVINCE]-(:Document)-[hm:HAS_MEASURE]->(:Measure)<-[role:LEADS|SUPPORTS|RESPONSIBLE_FOR]-(a:Agency)
WITH p, documents, measures, count(DISTINCT a) AS agencies
OPTIONAL MATCH (p)<-[of:OF_PROVINCE]-(d:Document)
// The WITH keeps FalkorDB from planning the Target index seek inside the optional match above:
// there, for a province without documents (its agencies or cities named by another province's
// documents, or its last document re-ingested under another province), d is null and the seek
// fails ("_AR_EXP_UpdateEntityIdx: No record was given to locate a value with alias d").
WITH p, documents, measures, agencies, d
OPTIONAL MATCH (t:Target {doc_id: d.doc_id})
RETURN p.name AS province, documents, measures, agencies, count(DISTINCT t) AS targets
ORDER BY province
