// Create relations the database does not have yet; their type comes from the checked
// vocabulary. $rows: [{start, end, type, props: {...}}]. The loader has already compared the
// dataset with what is stored (read/dataset_relations), so nothing here needs to MERGE.
UNWIND $rows AS row
MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end})
CREATE (a)-[r:$(row.type)]->(b)
SET r = row.props
RETURN count(r) AS count
