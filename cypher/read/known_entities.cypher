// Every actor, place and event, for alias resolution (its aliases and the names other
// datasets' accounts give it), with the dataset that defines it; none of a dataset a batched
// load has not finished writing (graph.query.hidden).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
WITH coalesce(lock.staging, []) AS hidden
MATCH (n:Entity)
WHERE n.id IS NOT NULL AND NOT coalesce(n.dataset, '') IN hidden
RETURN n.id AS id, coalesce(n.name, n.id) AS name,
       coalesce(n.category, CASE WHEN n:Place THEN 'place' WHEN n:Event THEN 'event' ELSE 'actor' END) AS category,
       coalesce(n.kind, 'unknown') AS kind, coalesce(n.aliases, []) + coalesce(n.account_names, []) AS aliases,
       n.dataset AS dataset
