// The relations of one type between exported entities. $type: a checked relationship type.
UNWIND $rows AS row MATCH (a:Entity {id: row.start}), (b:Entity {id: row.end}) CREATE (a)-[r:$type]->(b) SET r = row.props;
