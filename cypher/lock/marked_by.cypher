// Whether the lock is still marked by the work with $token (a batch of a batched load checks
// before it writes: a mark that lapsed was cleared, with what the work had written).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.busy_token = $token, false) AS ours
