// The actors, places and events a re-load created as its new generation ($mark), when that
// generation is undone (graph.loader.generations): its relations went first, and no other
// dataset's relation can use them (the lock kept every other writer out).
MATCH (n:Entity) WHERE n.generation = $mark
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
