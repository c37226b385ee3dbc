// The marked work ended (or the process that marked it is gone).
MATCH (lock:LoadLock {id: 'loads'})
REMOVE lock.busy, lock.busy_pid, lock.busy_host, lock.busy_since
