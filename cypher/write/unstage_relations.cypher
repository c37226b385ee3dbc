// What an interrupted batched load of $dataset wrote: its relations, deleted in committed
// batches (auto-commit; run before cypher/write/unstage_entities.cypher).
MATCH ()-[r]->() WHERE r.dataset = $dataset
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
