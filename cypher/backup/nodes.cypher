// Every node, for `actorgraph dump`.
MATCH (n) RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props
