// Every node but the lock (each database has its own) and the entities and sources of $hidden
// datasets (graph.query.hidden: a batched load's so far, or a batched drop's still left), for
// `actorgraph dump`.
MATCH (n) WHERE NOT n:LoadLock
  AND NOT ((n:Entity OR n:Source) AND coalesce(n.dataset, '') IN $hidden)
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
