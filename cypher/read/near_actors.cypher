// The actors whose names or aliases the full-text index finds near each of $searches (written
// as read/near_names's are, from a name's words only): at most $limit for each.
UNWIND $searches AS search
CALL (search) {
  CALL db.index.fulltext.queryNodes('entity_text', search) YIELD node
  WITH node WHERE node:Actor
  RETURN node.id AS id LIMIT $limit
}
RETURN collect(DISTINCT id) AS ids
