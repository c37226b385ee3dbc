// A re-load is about to write a new generation in committed batches (graph.loader.generations):
// its $mark is listed as hidden from actorgraph's readers (graph.query.hidden) until the
// generation is shown, and the lock is marked busy. `stages` counts the batched loads begun and
// the generations shown: a reader that finds it changed while it read reads again.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.marks = [m IN coalesce(lock.marks, []) WHERE m <> $mark] + $mark,
    // tallied_stages follows while the tallies of sources are right (lock/changing)
    lock.tallied_stages = CASE WHEN lock.tallied_stages = coalesce(lock.stages, 0)
                               THEN coalesce(lock.stages, 0) + 1 ELSE lock.tallied_stages END,
    lock.stages = coalesce(lock.stages, 0) + 1,
    lock.busy = $what, lock.busy_pid = $pid, lock.busy_host = $host, lock.busy_since = datetime(),
    lock.busy_token = $token, lock.busy_renewed = datetime()
