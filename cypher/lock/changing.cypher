// What readers see changes when this transaction commits (a load, an import or a drop written
// in one transaction; the first transaction of batched work): `stages` counts such changes, so
// that a reader whose statements it changed in between reads again (graph.query.hidden). Run
// once the lock is taken; counted only if the transaction commits (a dry run's never is).
MATCH (lock:LoadLock {id: 'loads'})
SET lock.stages = coalesce(lock.stages, 0) + 1
