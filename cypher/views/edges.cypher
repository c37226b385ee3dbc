// The relations a view draws, narrowed by the view's filters (empty list = no filter). Not
// sorted here: sorting every row with its properties held them all in the server's heap (a
// whole-database view of 600,000 relations took the default 1 GiB heap down); the caller sorts.
WITH $as_of AS day
MATCH (a:Entity)-[r]->(b:Entity)
WHERE @view_edge
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS props
