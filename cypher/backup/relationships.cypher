// Every relationship with its ends' element ids, for `actorgraph dump`.
MATCH (a)-[r]->(b)
RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props
