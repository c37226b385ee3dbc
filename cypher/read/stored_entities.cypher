// Which of $ids are stored already, with what identifies and fingerprints each node.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
RETURN id, elementId(n) AS eid, n.content_hash AS hash, n.category AS category
