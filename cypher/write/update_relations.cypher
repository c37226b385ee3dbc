// Replace the properties of stored relations whose content changed.
// $rows: [{eid, props: {...}}]
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r = row.props
RETURN count(r) AS count
