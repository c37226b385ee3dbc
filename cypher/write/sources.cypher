// Create or update sources (the documents that back relations); other datasets' accounts of
// them (graph.loader.accounts) stay, and do not count as a change.
// $rows: [{id, props: {...}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN all(k IN keys(row.props) WHERE old[k] = row.props[k])
            AND size([k IN keys(old) WHERE NOT k IN ['accounts', 'account_datasets']])
                = size(keys(row.props)) THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
MERGE (s:Source {id: row.id})
WITH s, row, outcome, s.accounts AS accounts, s.account_datasets AS datasets
SET s = row.props
SET s.accounts = accounts, s.account_datasets = datasets
RETURN 'source' AS category, outcome, count(*) AS count
