// How big the database is: the nodes that hold data (not the load lock), all relationships.
CALL () { MATCH (n) WHERE NOT n:LoadLock RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
