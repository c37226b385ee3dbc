// The names of the datasets in the database: those that own entities or sources, or loaded.
CALL () {
  MATCH (n:Entity) RETURN DISTINCT n.dataset AS name
  UNION
  MATCH (s:Source) RETURN DISTINCT s.dataset AS name
  UNION
  MATCH (l:Load) RETURN DISTINCT l.dataset AS name
}
WITH name WHERE name IS NOT NULL
RETURN collect(name) AS names
