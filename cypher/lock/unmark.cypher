// The marked work ended (or the process that marked it is gone): its mark goes, if it is still
// the one with $token (a mark set since by other work stays).
MATCH (lock:LoadLock {id: 'loads'})
WHERE lock.busy_token = $token OR (lock.busy_token IS NULL AND $token IS NULL)
REMOVE lock.busy, lock.busy_pid, lock.busy_host, lock.busy_since, lock.busy_token,
       lock.busy_renewed
