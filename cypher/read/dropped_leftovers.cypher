// The datasets other than $dataset whose newest load was a drop and that still own entities
// or sources: what they left because other datasets' relations used it (graph.loader.dropping
// .sweep_dropped looks again whether anything still does).
MATCH (l:Load) WHERE l.dataset <> $dataset
WITH l ORDER BY l.at DESC
WITH l.dataset AS name, collect(l)[0] AS last
WHERE last.summary CONTAINS '"method": "drop"'
  AND (EXISTS { MATCH (n:Entity) WHERE n.dataset = name } OR EXISTS { MATCH (s:Source) WHERE s.dataset = name })
RETURN collect(name) AS names
