// Every node but the lock (each database has its own) and what is $hidden (graph.query.hidden):
// the entities and sources of hidden datasets (a batched load's so far, or a batched drop's
// still left), and entities of a re-load's generation not shown, for `actorgraph dump`.
MATCH (n) WHERE NOT n:LoadLock
  AND NOT ((n:Entity OR n:Source) AND coalesce(n.dataset, '') IN $hidden)
  AND NOT coalesce(n.generation, '') IN $hidden
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
