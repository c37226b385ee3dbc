// The new generation of a re-load is shown and its old one hidden, in the transaction that
// records the load (graph.loader.generations): the $new mark goes off the list, the $old one on.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.marks = [m IN coalesce(lock.marks, []) WHERE m <> $new AND m <> $old] + $old,
    // tallied_stages follows while the tallies of sources are right (lock/changing)
    lock.tallied_stages = CASE WHEN lock.tallied_stages = coalesce(lock.stages, 0)
                               THEN coalesce(lock.stages, 0) + 1 ELSE lock.tallied_stages END,
    lock.stages = coalesce(lock.stages, 0) + 1
