// Drop: the dataset's sources that no other dataset's relation cites and no other dataset
// keeps an account of.
CALL () {
  MATCH ()-[r]->() WHERE r.sources IS NOT NULL AND r.dataset <> $dataset
  UNWIND r.sources AS id
  RETURN collect(DISTINCT id) AS cited
}
MATCH (s:Source {dataset: $dataset})
WITH s, s.id IN cited OR s.account_datasets IS NOT NULL AS used
CALL (s, used) { WITH s WHERE NOT used DELETE s }
RETURN used, count(*) AS count
