// Actors, places and events for alias resolution (each with its aliases and the names other
// datasets' accounts give it, and the dataset that defines it); none of what readers leave out
// (graph.query.hidden): a dataset a batched load has not finished writing, a re-load's
// generation not shown. Every one when $keys is null; otherwise only those some name may stand
// for: an id in $ids, a name key (graph.resolve.normalize) in $keys, and, whatever their names,
// those with other datasets' names or no stored keys (the caller folds those names itself).
// Only of $categories, unless null. A scoped reading also leaves out the entities $dataset
// (unless null) defines whose ids are in $defined: its files define them again, and the new
// definition replaces the stored one in the resolver (those it no longer defines are read).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
WITH coalesce(lock.staging, []) + coalesce(lock.marks, []) AS hidden
MATCH (n:Entity)
WHERE n.id IS NOT NULL AND NOT coalesce(n.dataset, '') IN hidden
  AND NOT coalesce(n.generation, '') IN hidden
  AND ($keys IS NULL OR n.id IN $ids OR n.name_keys IS NULL OR n.account_names IS NOT NULL
       OR any(key IN n.name_keys WHERE key IN $keys))
  AND ($keys IS NULL OR $dataset IS NULL OR coalesce(n.dataset, '') <> $dataset
       OR NOT n.id IN $defined)
WITH n, coalesce(n.category, CASE WHEN n:Place THEN 'place' WHEN n:Event THEN 'event' ELSE 'actor' END) AS category
WHERE $categories IS NULL OR category IN $categories
RETURN n.id AS id, coalesce(n.name, n.id) AS name, category,
       coalesce(n.kind, 'unknown') AS kind, coalesce(n.aliases, []) + coalesce(n.account_names, []) AS aliases,
       n.dataset AS dataset
