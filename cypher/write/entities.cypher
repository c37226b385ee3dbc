// Create or update actors, places and events, and say for each whether it changed.
// $rows: [{id, labels: [category label, kind label], props: {...}}]
UNWIND $rows AS row
OPTIONAL MATCH (old:Entity {id: row.id})
WITH row,
     CASE
       WHEN old IS NULL THEN 'created'
       WHEN properties(old) = row.props
            AND size(labels(old)) = size(row.labels) + 1
            AND all(label IN row.labels WHERE label IN labels(old)) THEN 'unchanged'
       ELSE 'updated'
     END AS outcome
MERGE (n:Entity {id: row.id})
SET n = row.props
SET n:$(row.labels)
WITH n, row, outcome, [label IN labels(n) WHERE label <> 'Entity' AND NOT label IN row.labels] AS stale
REMOVE n:$(stale)
RETURN row.props.category AS category, outcome, count(*) AS count
