// Every node but the lock (each database has its own) and the entities a batched load of
// $hidden datasets has written so far (graph.query.hidden), for `actorgraph dump`.
MATCH (n) WHERE NOT n:LoadLock AND NOT (n:Entity AND coalesce(n.dataset, '') IN $hidden)
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
