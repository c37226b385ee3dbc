// The sources a dataset has (or wants) its own account of: $ids, and those that hold one.
MATCH (n:Source)
WHERE n.id IN $ids OR $dataset IN coalesce(n.account_datasets, [])
RETURN n.id AS id, n.accounts AS accounts
