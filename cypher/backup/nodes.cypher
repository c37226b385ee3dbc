// Every node but the lock (each database has its own), for `actorgraph dump`.
MATCH (n) WHERE NOT n:LoadLock
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
