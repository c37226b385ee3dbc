// Restore relationships between restored nodes; the type is a checked word.
UNWIND $rows AS row
MATCH (a:Restoring {_restore: row.start}), (b:Restoring {_restore: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS made
