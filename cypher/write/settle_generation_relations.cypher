// The relations of a generation that stays: their $mark goes, in committed batches (the lock
// still lists the mark's counterpart, so no reader sees a change; graph.loader.generations).
MATCH ()-[r]->() WHERE r.generation = $mark
CALL (r) { REMOVE r.generation } IN TRANSACTIONS OF $batch ROWS
