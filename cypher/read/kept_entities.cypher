// How many nodes of $dataset its files no longer define ($keep: the ids they do define) are
// kept because other datasets' relations still use them. A later re-load must prune them once
// those relations are gone, so such a load is never recognised as unchanged.
MATCH (n:Entity {dataset: $dataset})
WHERE NOT n.id IN $keep
RETURN count(n) AS kept
