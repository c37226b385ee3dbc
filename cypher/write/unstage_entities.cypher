// What an interrupted batched load of $dataset wrote: its actors, places and events (no other
// dataset's relation can use them: the dataset was hidden, and its name resolved to nothing).
MATCH (n:Entity {dataset: $dataset})
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF $batch ROWS
