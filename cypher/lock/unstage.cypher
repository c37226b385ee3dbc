// The batched load of $dataset is shown whole (in the same transaction as its :Load record), or,
// with $removed, what it wrote is gone (checked here: a batch still being written keeps it
// hidden). Readers see the dataset again; the mark goes if it is still the one with $token.
// An empty list is no property: the lock node is as it was before.
MATCH (lock:LoadLock {id: 'loads'})
WHERE NOT $removed
   OR (NOT EXISTS { MATCH (n:Entity {dataset: $dataset}) }
       AND NOT EXISTS { MATCH ()-[r]->() WHERE r.dataset = $dataset })
WITH lock, [d IN coalesce(lock.staging, []) WHERE d <> $dataset] AS left,
     coalesce(lock.busy_token = $token, false) AS ours
SET lock.staging = CASE WHEN size(left) > 0 THEN left END,
    lock.busy = CASE WHEN ours THEN null ELSE lock.busy END,
    lock.busy_pid = CASE WHEN ours THEN null ELSE lock.busy_pid END,
    lock.busy_host = CASE WHEN ours THEN null ELSE lock.busy_host END,
    lock.busy_since = CASE WHEN ours THEN null ELSE lock.busy_since END,
    lock.busy_token = CASE WHEN ours THEN null ELSE lock.busy_token END,
    lock.busy_renewed = CASE WHEN ours THEN null ELSE lock.busy_renewed END
RETURN count(lock) AS unstaged
