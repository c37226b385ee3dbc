// The batched load of $dataset is complete (in the same transaction as its :Load record), or
// what it wrote is gone: readers see the dataset again, and the lock's mark is cleared (an
// empty list is no property: the lock node is as it was before).
MATCH (lock:LoadLock {id: 'loads'})
WITH lock, [d IN coalesce(lock.staging, []) WHERE d <> $dataset] AS left
SET lock.staging = CASE WHEN size(left) > 0 THEN left END
REMOVE lock.busy, lock.busy_pid, lock.busy_host, lock.busy_since
