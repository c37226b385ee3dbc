// Drop: the dataset's actors, places and events that no other dataset's relation uses and no
// other dataset keeps an account of (its own relations and accounts are gone by now); the
// others stay, and are counted as kept.
MATCH (n:Entity {dataset: $dataset})
WITH n, n.category AS category, EXISTS { (n)--() } OR n.account_datasets IS NOT NULL AS used
CALL (n, used) { WITH n WHERE NOT used DELETE n }
RETURN category, used, count(*) AS count
