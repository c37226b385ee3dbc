// An empty database hides nothing: a batched load killed before its first batch left only its
// name on the list (restore clears it before it writes).
MATCH (lock:LoadLock {id: 'loads'})
REMOVE lock.staging
