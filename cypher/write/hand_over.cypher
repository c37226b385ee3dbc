// The heir's account becomes the node's props (labels as before), with the other accounts kept.
UNWIND $rows AS row
MATCH (n) WHERE elementId(n) = row.eid
SET n = row.props
RETURN count(n) AS count
