// The drop of $dataset is done (in the transaction that records it): off the list of drops.
// An empty list is no property: the lock node is as it was before.
MATCH (lock:LoadLock {id: 'loads'})
WITH lock, [d IN coalesce(lock.dropping, []) WHERE d <> $dataset] AS left
SET lock.dropping = CASE WHEN size(left) > 0 THEN left END
