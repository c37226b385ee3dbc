// A drop in batches, once its relations are gone: the dropped $dataset's actors, places and
// events that nothing uses any more, deleted in committed batches (auto-commit), counted by
// category. Used, and kept for the last transaction to count: those with a relation (another
// dataset's), cited as a relation's claimant or event, spoken for by a source that stays
// ($parties), or with another dataset's account (cypher/datasets/drop_entities.cypher, the same
// rule, in the drop's last transaction). Readers leave the dataset's entities out meanwhile.
CALL () {
  MATCH ()-[r]->() WHERE r.claimant IS NOT NULL OR r.event IS NOT NULL
  RETURN collect(DISTINCT r.claimant) + collect(DISTINCT r.event) AS relations_cite
}
WITH relations_cite + $parties AS cited
MATCH (n:Entity {dataset: $dataset})
WHERE NOT EXISTS { (n)--() } AND n.account_datasets IS NULL AND NOT n.id IN cited
WITH n, n.category AS category
CALL (n) { DELETE n } IN TRANSACTIONS OF $batch ROWS
RETURN category, count(*) AS count
