// The actors, places and events a view draws: those given, or all (narrowed by kind), but none
// of what is $hidden: datasets, and generations by their marks (graph.query.hidden). No dataset:
// an entity another transaction is deleting (fragments/of_datasets).
MATCH (n:Entity)
WHERE ($ids IS NULL OR n.id IN $ids)
  AND n.dataset IS NOT NULL AND NOT n.dataset IN $hidden
  AND NOT coalesce(n.generation, '') IN $hidden
  AND (size($kinds) = 0 OR n.kind IN $kinds)
RETURN n.id AS id, n.name AS name, n.category AS category, n.kind AS kind,
       coalesce(n.aliases, []) AS aliases, n.description AS description, n.dataset AS dataset,
       coalesce(n.date, n.since) AS date, properties(n) AS props
ORDER BY n.id
