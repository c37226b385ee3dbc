// A relation r from a to b that a view draws, by the view's filters (graph.query.select): of
// the terms or types asked ($relations, all when empty), confident enough, in force on `day`
// when it is not null, between entities of the kinds asked, within $ids when not null, of the
// datasets and claimants asked. The statements using it bind `day` and declare the parameters.
(size($relations) = 0 OR type(r) IN $relations OR r.term IN $relations)
  AND coalesce(r.confidence, 0.0) >= $min_confidence
  AND (day IS NULL OR @in_force)
  AND (size($kinds) = 0 OR (a.kind IN $kinds AND b.kind IN $kinds))
  AND ($ids IS NULL OR (a.id IN $ids AND b.id IN $ids))
  AND @of_datasets AND @of_claimants
