// How many nodes hold data: everything but the lock node.
MATCH (n) WHERE NOT n:LoadLock RETURN count(n) AS n
