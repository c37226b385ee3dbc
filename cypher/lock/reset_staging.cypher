// An empty database hides nothing: a batched load killed before its first batch left only its
// name on the list, and a drop in batches its own (restore clears them before it writes).
MATCH (lock:LoadLock {id: 'loads'})
REMOVE lock.staging, lock.dropping
