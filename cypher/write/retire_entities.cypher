// A re-load in batches, as it shows its new generation (graph.loader.generations): the actors,
// places and events of $dataset its new version no longer has, and that nothing but relations
// of the old generation ($old) uses, take the old mark: hidden from readers from this commit on,
// and deleted with the old relations. The same rule as cypher/write/prune_entities.cypher, with
// the old generation counted as gone.
MATCH (n:Entity {dataset: $dataset})
WHERE NOT n.id IN $keep AND n.account_datasets IS NULL
  AND NOT EXISTS { (n)-[r]-() WHERE coalesce(r.generation, '') <> $old }
WITH collect(n) AS candidates
OPTIONAL CALL (candidates) {
  WITH candidates WHERE size(candidates) > 0
  MATCH ()-[r]->()
  WHERE (r.claimant IS NOT NULL OR r.event IS NOT NULL) AND coalesce(r.generation, '') <> $old
  WITH collect(DISTINCT r.claimant) + collect(DISTINCT r.event) AS relations_cite
  OPTIONAL MATCH (s:Source) WHERE s.party IS NOT NULL
  WITH relations_cite, collect(DISTINCT s.party) AS parties
  RETURN relations_cite + parties AS cited
}
UNWIND candidates AS n
WITH n, n.category AS category, coalesce(cited, []) AS cited
WHERE NOT n.id IN cited
SET n.generation = $old
RETURN category, count(*) AS count
