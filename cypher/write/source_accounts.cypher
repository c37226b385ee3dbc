// Store the datasets' own accounts of a source another dataset defined (JSON by dataset), and
// the datasets that hold one. Its props stay.
UNWIND $rows AS row
MATCH (n:Source {id: row.id})
SET n.accounts = row.accounts, n.account_datasets = row.datasets
RETURN count(n) AS count
