// Replace the properties (and kind labels) of stored nodes whose content changed.
// $rows: [{eid, labels, props}]
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
SET n = row.props
SET n:$(row.labels)
WITH n, [label IN labels(n) WHERE label <> 'Entity' AND NOT label IN row.labels] AS stale
REMOVE n:$(stale)
RETURN count(n) AS count
