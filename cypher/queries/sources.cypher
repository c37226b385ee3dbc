// Each source with its reliability grade and what it backs: how many claims, and which.
// @param examples: int = 3   how many of its claims to show per source
MATCH (s:Source)
OPTIONAL MATCH (a:Entity)-[r]->(b:Entity)
WHERE s.id IN r.sources
WITH s, r, a, b ORDER BY r.confidence DESC, r.id
WITH s, count(r) AS claims,
     collect(a.name + ' ' + r.term + ' ' + b.name) AS backed
RETURN s.id AS source, s.title AS title, s.reliability AS reliability, s.date AS date,
       claims, backed[..$examples] AS examples
ORDER BY claims DESC, source
