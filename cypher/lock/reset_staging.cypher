// An empty database hides nothing: a batched load killed before its first batch left only its
// name on the list, a drop in batches its own, a re-load in batches its generation's mark
// (restore clears them before it writes).
MATCH (lock:LoadLock {id: 'loads'})
REMOVE lock.staging, lock.dropping, lock.marks
