// Which of the words asked for ($words) the database uses as a relation's term or type, or as a
// node's kind: read only when a filter names a word the vocabulary does not know (a user's own
// vocabulary), so the two scans run on a typo's path alone.
CALL () {
  MATCH ()-[r]->() WHERE r.term IN $words OR type(r) IN $words
  RETURN CASE WHEN r.term IN $words THEN r.term ELSE type(r) END AS word
  UNION
  MATCH (n:Entity) WHERE n.kind IN $words
  RETURN n.kind AS word
}
RETURN DISTINCT word
