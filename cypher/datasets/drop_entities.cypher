// Drop: the dataset's actors, places and events that no other dataset's relation uses (its own
// relations are gone by now); the others stay, and are counted as kept.
MATCH (n:Entity {dataset: $dataset})
WITH n, n.category AS category, EXISTS { (n)--() } AS used
CALL (n, used) { WITH n WHERE NOT used DELETE n }
RETURN category, used, count(*) AS count
