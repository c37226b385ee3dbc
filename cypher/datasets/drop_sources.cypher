// Drop: the dataset's sources that no other dataset's relation cites.
CALL () {
  MATCH ()-[r]->() WHERE r.sources IS NOT NULL AND r.dataset <> $dataset
  UNWIND r.sources AS id
  RETURN collect(DISTINCT id) AS cited
}
MATCH (s:Source {dataset: $dataset})
WITH s, s.id IN cited AS used
CALL (s, used) { WITH s WHERE NOT used DELETE s }
RETURN used, count(*) AS count
