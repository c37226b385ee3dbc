// The process doing marked work is alive: it renews its mark (graph.lock.renewing), so that
// writers on other machines, which cannot see its process, can tell a live mark from one left
// by a process that died.
MATCH (lock:LoadLock {id: 'loads'})
WHERE lock.busy_token = $token
SET lock.busy_renewed = datetime()
