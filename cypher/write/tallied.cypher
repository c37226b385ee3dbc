// The tallies of sources are now kept for every dataset, at $version (graph.tallies). Taken
// first in its transaction, the lock node's write lock makes two counts of everything wait for
// each other, and for a load.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.tallies = $version
