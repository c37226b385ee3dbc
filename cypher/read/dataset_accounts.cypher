// The entities a dataset has (or wants) its own account of: $ids, and those that hold one;
// with what the node's definition is (owner, content hash, labels), to leave out an account
// that repeats it.
MATCH (n:Entity)
WHERE n.id IN $ids OR $dataset IN coalesce(n.account_datasets, [])
RETURN n.id AS id, n.accounts AS accounts, n.dataset AS owner, n.content_hash AS content_hash,
       [label IN labels(n) WHERE label <> 'Entity'] AS labels
