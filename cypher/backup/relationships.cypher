// Every relationship with its ends' element ids, for `actorgraph dump`; the lock is not data.
MATCH (a)-[r]->(b)
WHERE NOT a:LoadLock AND NOT b:LoadLock
RETURN elementId(a) AS a, type(r) AS type, elementId(b) AS b, properties(r) AS props
