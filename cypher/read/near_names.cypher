// Entities whose names may be near a name that matched none, for its "did you mean" (the
// caller compares them with the name): found by the full-text index, each word of the name
// within one or two edits in a name or an alias ($search, Lucene's syntax, written from the name's
// words only), and by the first characters of their ids ($prefix, as given and in lower
// case). At most $limit of each.
CALL () {
  CALL db.index.fulltext.queryNodes('entity_text', $search) YIELD node
  RETURN node.id AS id LIMIT $limit
  UNION
  MATCH (n:Entity) WHERE n.id STARTS WITH $prefix
  RETURN n.id AS id LIMIT $limit
  UNION
  MATCH (n:Entity) WHERE n.id STARTS WITH toLower($prefix)
  RETURN n.id AS id LIMIT $limit
}
RETURN collect(id) AS ids
