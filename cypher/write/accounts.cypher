// Store the datasets' own accounts of an entity another dataset defined (JSON by dataset), the
// datasets that hold one, and every name they give it (for resolution). Its props stay.
UNWIND $rows AS row
MATCH (n:Entity {id: row.id})
SET n.accounts = row.accounts, n.account_datasets = row.datasets, n.account_names = row.names
RETURN count(n) AS count
