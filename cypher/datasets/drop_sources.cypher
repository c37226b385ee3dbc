// Drop: the dataset's sources that no other dataset's relation cites, no other dataset keeps an
// account of, and no other dataset's source names as its carrier (`via`).
CALL () {
  MATCH ()-[r]->() WHERE r.sources IS NOT NULL AND r.dataset <> $dataset
  UNWIND r.sources AS id
  RETURN collect(DISTINCT id) AS cited
}
CALL () {
  MATCH (o:Source) WHERE o.via IS NOT NULL AND o.dataset <> $dataset
  RETURN collect(DISTINCT o.via) AS carriers
}
MATCH (s:Source {dataset: $dataset})
WITH s, s.id IN cited OR s.id IN carriers OR s.account_datasets IS NOT NULL AS used
CALL (s, used) { WITH s WHERE NOT used DELETE s }
RETURN used, count(*) AS count
