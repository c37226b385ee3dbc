// A first load of $dataset is about to write in committed batches: until it ends, the dataset
// is hidden from actorgraph's readers (graph.query.hidden), and the lock is marked as busy.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.staging = [d IN coalesce(lock.staging, []) WHERE d <> $dataset] + $dataset,
    lock.busy = $what, lock.busy_pid = $pid, lock.busy_host = $host, lock.busy_since = datetime()
