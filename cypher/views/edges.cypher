// The relations a view draws, narrowed by the view's filters (empty list = no filter).
WITH $as_of AS day
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (size($relations) = 0 OR type(r) IN $relations OR r.term IN $relations)
  AND coalesce(r.confidence, 0.0) >= $min_confidence
  AND (day IS NULL OR @in_force)
  AND (size($kinds) = 0 OR (a.kind IN $kinds AND b.kind IN $kinds))
  AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  AND @of_datasets AND @of_claimants
RETURN a.id AS start, b.id AS end, type(r) AS type, properties(r) AS props
ORDER BY r.id
