// A drop of $dataset too big for one transaction has hidden it (cypher/lock/stage.cypher) and
// deletes its relations in committed batches: listed here too, so that if it is interrupted the
// next writer finishes the drop (graph.loader.dropping) instead of removing a first load.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.dropping = [d IN coalesce(lock.dropping, []) WHERE d <> $dataset] + $dataset
