// The hidden datasets that a drop in batches was removing when it stopped (unfinished drops).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.dropping, []) AS datasets
