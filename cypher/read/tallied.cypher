// Whether the tallies of sources (write/tally_sources) are kept for every dataset: the lock
// node says which version of them it holds (graph.tallies).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.tallies = $version, false) AS tallied
