// Every node but the lock (each database has its own), the tallies (counted again
// on restore: graph.tallies) and what is $hidden (graph.query.hidden):
// the entities and sources of hidden datasets (a batched load's so far, or a batched drop's
// still left), and entities of a re-load's generation not shown, for `actorgraph dump`.
// An entity or a source with no properties at all is one another transaction is deleting as
// this reads (Neo4j reads committed data, not a snapshot: what it matched reads as empty once
// deleted; fragments/of_datasets): left out. (An unlabelled empty node may be a user's own.)
MATCH (n) WHERE NOT n:LoadLock AND NOT n:SourceTally AND NOT n:DisputeTally
  AND NOT ((n:Entity OR n:Source) AND coalesce(n.dataset, '') IN $hidden)
  AND NOT coalesce(n.generation, '') IN $hidden
WITH n, labels(n) AS labels, properties(n) AS props
WHERE size(keys(props)) > 0 OR NOT (n:Entity OR n:Source)
RETURN elementId(n) AS eid, labels, props
