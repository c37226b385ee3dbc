// Every actor, place and event, for alias resolution (its aliases and the names other
// datasets' accounts give it), with the dataset that defines it; none of what readers leave
// out (graph.query.hidden): a dataset a batched load has not finished writing, a re-load's
// generation not shown.
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
WITH coalesce(lock.staging, []) + coalesce(lock.marks, []) AS hidden
MATCH (n:Entity)
WHERE n.id IS NOT NULL AND NOT coalesce(n.dataset, '') IN hidden
  AND NOT coalesce(n.generation, '') IN hidden
RETURN n.id AS id, coalesce(n.name, n.id) AS name,
       coalesce(n.category, CASE WHEN n:Place THEN 'place' WHEN n:Event THEN 'event' ELSE 'actor' END) AS category,
       coalesce(n.kind, 'unknown') AS kind, coalesce(n.aliases, []) + coalesce(n.account_names, []) AS aliases,
       n.dataset AS dataset
