// The datasets whose first load is being written in batches, or was interrupted: hidden from
// readers until the load ends; and how many batched loads ever began (cypher/lock/stage.cypher).
OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
RETURN coalesce(lock.staging, []) AS datasets, coalesce(lock.stages, 0) AS stages
