// A first load of $dataset is about to write in committed batches: until it ends, the dataset
// is hidden from actorgraph's readers (graph.query.hidden), and the lock is marked as busy.
// `stages` counts the batched loads ever begun: a reader that finds it changed while it read
// may have seen part of one, and reads again.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.staging = [d IN coalesce(lock.staging, []) WHERE d <> $dataset] + $dataset,
    // tallied_stages follows while the tallies of sources are right (lock/changing)
    lock.tallied_stages = CASE WHEN lock.tallied_stages = coalesce(lock.stages, 0)
                               THEN coalesce(lock.stages, 0) + 1 ELSE lock.tallied_stages END,
    lock.stages = coalesce(lock.stages, 0) + 1,
    lock.busy = $what, lock.busy_pid = $pid, lock.busy_host = $host, lock.busy_since = datetime(),
    lock.busy_token = $token, lock.busy_renewed = datetime()
