// What each dataset holds: entities, sources and relations it owns, and its loads.
CALL () {
  MATCH (n:Entity) WHERE n.dataset IS NOT NULL
  RETURN n.dataset AS name, 'entities' AS what, count(*) AS n
  UNION ALL
  MATCH (s:Source) WHERE s.dataset IS NOT NULL
  RETURN s.dataset AS name, 'sources' AS what, count(*) AS n
  UNION ALL
  MATCH ()-[r]->() WHERE r.dataset IS NOT NULL
  RETURN r.dataset AS name, 'relations' AS what, count(*) AS n
}
RETURN name, what, sum(n) AS n
