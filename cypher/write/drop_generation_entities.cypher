// The actors, places and events that carry a generation's $mark, deleted in committed batches
// once no reader sees them (graph.loader.generations): those a re-load created, when it is
// undone, or those its new version no longer has, once it is shown. Their relations went
// first, and no other dataset's relation can use them (the lock kept every other writer out).
MATCH (n:Entity) WHERE n.generation = $mark
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
