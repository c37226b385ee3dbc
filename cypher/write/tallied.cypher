// Every dataset's tallies of sources were just counted (graph.tallies), by this $version of
// them, keeping $kept claims each: they are right as of this change.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.tallies = $version, lock.tallies_kept = $kept, lock.tallied_stages = lock.stages
