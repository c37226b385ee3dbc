// Mark the lock node while work spanning many transactions (restore, bulk import) runs; the
// token tells this piece of work's mark from any other (graph.lock).
MATCH (lock:LoadLock {id: 'loads'})
SET lock.busy = $what, lock.busy_pid = $pid, lock.busy_host = $host, lock.busy_since = datetime(),
    lock.busy_token = $token, lock.busy_renewed = datetime()
