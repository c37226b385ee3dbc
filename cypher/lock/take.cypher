// Take the lock node's write lock, held until this transaction ends (Neo4j releases it if the
// client dies), without changing it; and read the mark of work that spans many transactions,
// with how many seconds ago (by the server's clock) its process last renewed it.
MERGE (lock:LoadLock {id: 'loads'})
SET lock.id = lock.id
RETURN lock.busy AS busy, lock.busy_pid AS pid, lock.busy_host AS host, lock.busy_since AS since,
       lock.busy_token AS token,
       duration.inSeconds(lock.busy_renewed, datetime()).seconds AS quiet
