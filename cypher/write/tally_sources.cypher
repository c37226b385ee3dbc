// Count again, for $dataset (every dataset when null), what rests on each source: one
// :SourceTally per dataset, generation and source, with how many of the dataset's relations rest
// on it (cite it, or a source it carried: `rests_on`), how many cite it, and the first $kept by
// confidence, then id (each by its ends' ids and its term). The `sources` named query adds up the
// tallies of the datasets and generations it shows instead of reading every relation
// (graph.tallies). No relation is sorted: the transaction holds a reference to each relation
// per source it rests on (about 52 bytes: 23 MB for 300,000 relations citing 1.5 sources each).
CALL () {
  MATCH (t:SourceTally {dataset: $dataset})  // by the index; graph.tallies deletes all first
  DELETE t
}
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE r.dataset IS NOT NULL AND ($dataset IS NULL OR r.dataset = $dataset)
  UNWIND coalesce(r.rests_on, r.sources) AS sid
  WITH r.dataset AS dataset, r.generation AS generation, sid, count(r) AS claims,
       sum(CASE WHEN sid IN r.sources THEN 1 ELSE 0 END) AS cited, collect(r) AS backing
  // The first $kept, kept in order as the list is walked ([confidence, id, relation], best
  // first); a relation that comes after the tenth is passed over. (A Top over the unwound
  // list counted the whole list once per row it kept: 11.6 MB for 20,000 relations.)
  WITH dataset, generation, sid, claims, cited,
       reduce(top = [], r IN backing |
         CASE
           WHEN size(top) = $kept
                AND (coalesce(r.confidence, -1.0) < top[-1][0]
                     OR (coalesce(r.confidence, -1.0) = top[-1][0]
                         AND coalesce(r.id, '') >= top[-1][1]))
           THEN top
           ELSE ([t IN top WHERE t[0] > coalesce(r.confidence, -1.0)
                                 OR (t[0] = coalesce(r.confidence, -1.0)
                                     AND t[1] <= coalesce(r.id, ''))]
                 + [[coalesce(r.confidence, -1.0), coalesce(r.id, ''), r]]
                 + [t IN top WHERE t[0] < coalesce(r.confidence, -1.0)
                                   OR (t[0] = coalesce(r.confidence, -1.0)
                                       AND t[1] > coalesce(r.id, ''))])[..$kept]
         END) AS ranked
  WITH dataset, generation, sid, claims, cited, [t IN ranked | t[2]] AS top
  CREATE (t:SourceTally {dataset: dataset, generation: generation, source: sid,
                         claims: claims, cited: cited,
                         top_confidence: [r IN top | coalesce(r.confidence, -1.0)],
                         top_id: [r IN top | coalesce(r.id, '')],
                         top_from: [r IN top | startNode(r).id],
                         top_term: [r IN top | coalesce(r.term, type(r))],
                         top_to: [r IN top | endNode(r).id]})
  RETURN count(t) AS tallies
}
RETURN tallies
