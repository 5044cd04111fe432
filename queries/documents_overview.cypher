// name: documents_overview
// answers: What does the store hold? Documents and their measures by province, level of the issuing government and year of issue.
// A document without a province (a central one) has province null; level and year are null when the record did not say.
MATCH (d:Document)
WITH d.province AS province, d.level AS level,
     CASE WHEN d.issued IS NULL THEN NULL ELSE substring(d.issued, 0, 4) END AS year,
     count(d) AS documents, sum(coalesce(d.measure_count, 0)) AS measures
RETURN province, level, year, documents, toInteger(measures) AS measures
ORDER BY province, level, year
