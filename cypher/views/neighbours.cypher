// The entities one step from those in $frontier along the relations a view draws (the same
// filters as views/edges.cypher), directions ignored: `--around`'s neighbourhood, widened one
// step at a time from its centre instead of from every relation in the database.
WITH $as_of AS day
UNWIND $frontier AS id
MATCH (:Entity {id: id})-[r]-(:Entity)
WITH day, r, startNode(r) AS a, endNode(r) AS b
WHERE @view_edge
UNWIND [a.id, b.id] AS found
RETURN collect(DISTINCT found) AS ids
