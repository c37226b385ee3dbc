// Per dataset, how many entities of other datasets its relations refer to.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.dataset IS NOT NULL
UNWIND [a, b] AS n
WITH r.dataset AS name, n
WHERE coalesce(n.dataset, '') <> name
RETURN name, count(DISTINCT n) AS shared
