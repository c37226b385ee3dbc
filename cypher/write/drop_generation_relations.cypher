// The relations of a generation no reader sees any more (its $mark is hidden), deleted in
// committed batches (auto-commit): a re-load's old generation once the new one is shown, or the
// new one of a re-load that did not get that far (graph.loader.generations).
MATCH ()-[r]->() WHERE r.generation = $mark
CALL (r) { DELETE r } IN TRANSACTIONS OF $batch ROWS
