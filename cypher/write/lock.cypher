// Serialise loads: the first statement of every load takes this node's write lock and holds it
// until the load commits or rolls back, so two loads never interleave.
MERGE (lock:LoadLock {id: 'loads'})
SET lock.at = datetime()
