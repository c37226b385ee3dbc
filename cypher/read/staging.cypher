// What readers leave out (graph.query.hidden): the datasets whose first load is being written
// in batches, or was interrupted (cypher/lock/stage.cypher), or whose drop in batches runs or
// stopped; the marks of re-loads' generations not shown (cypher/lock/open_generation.cypher);
// and `stages`: how many times what readers see changed (a load, import or drop committed, a
// batched load begun, a generation shown: cypher/lock/changing.cypher).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.staging, []) AS datasets, coalesce(lock.stages, 0) AS stages,
       coalesce(lock.marks, []) AS marks
