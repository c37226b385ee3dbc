// The tallies of sources are no longer known to be right (relations changed by `query --write`
// or Graph.write, or a restore begins): `sources` reads every relation until the next load, import, drop or
// `schema apply` counts them all again (graph.tallies).
MATCH (lock:LoadLock {id: 'loads'})
REMOVE lock.tallies
