// The relations of a hidden $dataset, deleted in committed batches (auto-commit): what an
// interrupted batched load wrote (before cypher/write/unstage_entities.cypher), or those of a
// dataset being dropped in batches (graph.loader.dropping).
MATCH ()-[r]->() WHERE r.dataset = $dataset
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
