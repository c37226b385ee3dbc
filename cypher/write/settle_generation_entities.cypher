// The actors, places and events of a generation that stays: their $mark goes, in committed
// batches (graph.loader.generations).
MATCH (n:Entity) WHERE n.generation = $mark
CALL (n) { REMOVE n.generation } IN TRANSACTIONS OF $batch ROWS
