// How many relations views/edges would read, by the same filters: `render` counts before it
// reads, and refuses a view larger than a page can usefully draw (its --max-relations).
WITH $as_of AS day
MATCH (a:Entity)-[r]->(b:Entity)
WHERE @view_edge
RETURN count(r) AS relations
