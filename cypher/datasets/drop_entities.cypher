// Drop: the dataset's actors, places and events that no other dataset's relation uses (as an
// end, or as its claimant or event), no source that stays speaks for ($parties), and no other
// dataset keeps an account of (its own relations and accounts are gone by now); the others
// stay, and are counted as kept.
CALL () {
  MATCH ()-[r]->() WHERE r.claimant IS NOT NULL OR r.event IS NOT NULL
  RETURN collect(DISTINCT r.claimant) + collect(DISTINCT r.event) AS relations_cite
}
WITH relations_cite + $parties AS cited
MATCH (n:Entity {dataset: $dataset})
WITH n, n.category AS category,
     EXISTS { (n)--() } OR n.account_datasets IS NOT NULL OR n.id IN cited AS used
CALL (n, used) { WITH n WHERE NOT used DELETE n }
RETURN category, used, count(*) AS count
