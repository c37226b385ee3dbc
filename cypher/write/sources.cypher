// Create or update sources (the documents that back relations).
// $rows: [{id, props: {...}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Source {id: row.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
MERGE (s:Source {id: row.id})
SET s = row.props
RETURN 'source' AS category, outcome, count(*) AS count
