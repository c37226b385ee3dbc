// Every relationship with its ends' element ids, for `actorgraph dump`; the lock is not data,
// nor what is $hidden (graph.query.hidden): what a batched load of hidden datasets has written
// so far, and a re-load's generation not shown. A relation between entities with no properties
// at all is one another transaction is deleting as this reads (backup/nodes): left out.
MATCH (a)-[r]->(b)
WHERE NOT a:LoadLock AND NOT b:LoadLock
  AND NOT coalesce(r.dataset, '') IN $hidden AND NOT coalesce(r.generation, '') IN $hidden
  AND NOT coalesce(a.dataset, '') IN $hidden AND NOT coalesce(b.dataset, '') IN $hidden
  AND NOT coalesce(a.generation, '') IN $hidden AND NOT coalesce(b.generation, '') IN $hidden
WITH a, r, b, properties(r) AS props
WHERE size(keys(props)) > 0 OR NOT (a:Entity AND b:Entity)
RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, props
