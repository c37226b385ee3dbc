// Count again, for $dataset (every dataset when null), which of its relations `claims-disputed`
// starts from: one :DisputeTally per dataset and generation, with the element ids of those that
// contradict others or carry figures (`claims`) and the ids their `contradicts` name (`wanted`).
// The named query reads these few relations by element id instead of passing over every
// relation (graph.tallies); it tests each again, so an id that no longer holds one is harmless.
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
  CREATE (t:DisputeTally {dataset: dataset, generation: generation,
                          claims: [r IN disputing | elementId(r)],
                          wanted: reduce(ids = [], r IN disputing | ids + coalesce(r.contradicts, []))})
  RETURN count(t) AS tallies
}
RETURN tallies
