// How many actors the database holds (from Neo4j's counts: no node is read).
MATCH (n:Actor) RETURN count(n) AS n
