// The relations a dataset wrote before, with what identifies and fingerprints each one, and
// the event each cites.
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.dataset = $dataset
RETURN elementId(r) AS eid, r.id AS id, a.id AS start, type(r) AS type, b.id AS end,
       r.content_hash AS hash, r.event AS event
