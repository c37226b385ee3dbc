// What each dataset holds: entities, sources and relations it owns, its accounts of other
// datasets' entities; a re-load's generation not shown ($marks, graph.query.hidden) is not
// counted.
CALL () {
  MATCH (n:Entity) WHERE n.dataset IS NOT NULL AND NOT coalesce(n.generation, '') IN $marks
  RETURN n.dataset AS name, 'entities' AS what, count(*) AS n
  UNION ALL
  MATCH (s:Source) WHERE s.dataset IS NOT NULL
  RETURN s.dataset AS name, 'sources' AS what, count(*) AS n
  UNION ALL
  MATCH (n) WHERE (n:Entity OR n:Source) AND n.account_datasets IS NOT NULL
  UNWIND n.account_datasets AS name
  RETURN name, 'accounts' AS what, count(*) AS n
  UNION ALL
  MATCH ()-[r]->() WHERE r.dataset IS NOT NULL AND NOT coalesce(r.generation, '') IN $marks
  RETURN r.dataset AS name, 'relations' AS what, count(*) AS n
}
RETURN name, what, sum(n) AS n
