// What carried $mark is gone (graph.loader.generations): the mark goes off the list; and the
// lock's busy mark too, if it is still the one with $token. An empty list is no property.
MATCH (lock:LoadLock {id: 'loads'})
WITH lock, [m IN coalesce(lock.marks, []) WHERE m <> $mark] AS left,
     coalesce(lock.busy_token = $token, false) AS ours
SET lock.marks = CASE WHEN size(left) > 0 THEN left END,
    lock.busy = CASE WHEN ours THEN null ELSE lock.busy END,
    lock.busy_pid = CASE WHEN ours THEN null ELSE lock.busy_pid END,
    lock.busy_host = CASE WHEN ours THEN null ELSE lock.busy_host END,
    lock.busy_since = CASE WHEN ours THEN null ELSE lock.busy_since END,
    lock.busy_token = CASE WHEN ours THEN null ELSE lock.busy_token END,
    lock.busy_renewed = CASE WHEN ours THEN null ELSE lock.busy_renewed END
