// Delete the actors, places and events of $dataset that its new version no longer has,
// unless relations of other datasets still use them, or other datasets keep an account of them.
MATCH (n:Entity {dataset: $dataset})
WHERE NOT n.id IN $keep AND NOT (n)--() AND n.account_datasets IS NULL
WITH n, n.category AS category
DELETE n
RETURN category, count(*) AS count
