// Count again, for $dataset (every dataset when null), which of its relations `claims-disputed`
// starts from: one :DisputeTally per dataset and generation, with the element ids of those that
// contradict others or carry figures (`claims`) and the ids their `contradicts` name (`wanted`).
// The named query reads these few relations by element id instead of passing over every
// relation (graph.tallies); it tests each again, so an id that no longer holds one is harmless.
// `first` is the id of the first one: a copy of the store (neo4j-admin) may number
// relationships anew, and the query then finds another relation there and reads every one.
CALL () {
  MATCH (t:DisputeTally {dataset: $dataset})  // by the index; graph.tallies deletes all first
  DELETE t
}
CALL () {
  MATCH ()-[r]->()
  WHERE (r.contradicts IS NOT NULL OR r.quantities IS NOT NULL)
    AND r.dataset IS NOT NULL AND ($dataset IS NULL OR r.dataset = $dataset)
  WITH r ORDER BY r.id, elementId(r)  // the same lists however and wherever counted
  WITH r.dataset AS dataset, r.generation AS generation, collect(r) AS disputing
  // past $most (a feed's figures: one per event) the list is not kept, and the query reads
  // every relation, which costs no more than looking each one up
  CREATE (t:DisputeTally {dataset: dataset, generation: generation, first: disputing[0].id,
                          claims: CASE WHEN size(disputing) <= $most
                                       THEN [r IN disputing | elementId(r)] END,
                          wanted: reduce(ids = [], r IN [x IN disputing WHERE x.contradicts IS NOT NULL]
                                         | ids + r.contradicts)})
  RETURN count(t) AS tallies
}
RETURN tallies
