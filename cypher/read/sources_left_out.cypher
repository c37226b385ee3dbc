// How many of $dataset's sources its new version no longer defines ($keep: those it does):
// a re-load then reads what keeps them (read/source_lineage) only when there are some.
MATCH (s:Source {dataset: $dataset})
WHERE NOT s.id IN $keep
RETURN count(s) AS count
