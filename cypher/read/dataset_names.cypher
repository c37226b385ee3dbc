// The names of the datasets in the database: those that own entities or sources, give accounts
// of others', or whose newest load is not a drop (a dataset of relations between other
// datasets' entities owns no node). Relations are not scanned: a load records each dataset.
CALL () {
  MATCH (n:Entity) RETURN DISTINCT n.dataset AS name
  UNION
  MATCH (s:Source) RETURN DISTINCT s.dataset AS name
  UNION
  MATCH (n) WHERE (n:Entity OR n:Source) AND n.account_datasets IS NOT NULL
  UNWIND n.account_datasets AS name
  RETURN DISTINCT name
  UNION
  MATCH (l:Load)
  WITH l.dataset AS name, l ORDER BY l.at DESC
  WITH name, collect(l)[0] AS last
  WHERE last.summary IS NULL OR NOT last.summary CONTAINS '"method": "drop"'
  RETURN name
}
WITH name WHERE name IS NOT NULL
RETURN collect(name) AS names
