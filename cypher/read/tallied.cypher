// Whether the tallies of sources (write/tally_sources) are right for every dataset: counted by
// this $version of them, and no change since that did not keep them (lock/changing).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.tallies = $version AND lock.tallied_stages = lock.stages, false) AS tallied
