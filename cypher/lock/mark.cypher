// Mark the lock node while work spanning many transactions (restore, bulk import) runs.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.busy = $what, lock.busy_pid = $pid, lock.busy_host = $host, lock.busy_since = datetime()
