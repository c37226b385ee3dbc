// What readers see changes when this transaction commits (a load, an import or a drop written
// in one transaction; the first transaction of batched work; a count of the tallies of sources):
// `stages` counts such changes, so that a reader whose statements it changed in between reads
// again (graph.query.hidden). Run once the lock is taken; counted only if the transaction
// commits (a dry run's never is). `tallied_stages` follows it while the tallies of sources are
// kept by every change (graph.tallies): a change by an older actorgraph, which does not keep
// them, leaves it behind, and `sources` reads every relation until they are counted again.
MATCH (lock:LoadLock {id: 'loads'})
SET lock.tallied_stages = CASE WHEN lock.tallied_stages = coalesce(lock.stages, 0)
                               THEN coalesce(lock.stages, 0) + 1 ELSE lock.tallied_stages END,
    lock.stages = coalesce(lock.stages, 0) + 1
