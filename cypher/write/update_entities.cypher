// Replace the properties (and kind labels) of stored nodes whose content changed; other
// datasets' accounts of them (graph.loader.accounts) stay.
// $rows: [{eid, labels, props}]
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
WITH n, row, n.accounts AS accounts, n.account_datasets AS datasets, n.account_names AS names
SET n = row.props
SET n.accounts = accounts, n.account_datasets = datasets, n.account_names = names
SET n:$(row.labels)
WITH n, [label IN labels(n) WHERE label <> 'Entity' AND NOT label IN row.labels] AS stale
REMOVE n:$(stale)
RETURN count(n) AS count
