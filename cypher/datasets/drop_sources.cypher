// Drop: the dataset's sources but those in $keep (graph.loader.datasets.kept_lineage: cited by
// another dataset's relation, kept in its accounts, or carrying, at any depth, a source that
// stays); the others stay, and are counted as kept.
MATCH (s:Source {dataset: $dataset})
WITH s, s.id IN $keep AS used
CALL (s, used) { WITH s WHERE NOT used DELETE s }
RETURN used, count(*) AS count
