// Delete the actors, places and events of $dataset that its new version no longer has, unless
// a relation still uses them (as an end, or as its claimant or event), a source names one as
// its party, or other datasets keep an account of them.
MATCH (n:Entity {dataset: $dataset})
WHERE NOT n.id IN $keep AND NOT (n)--() AND n.account_datasets IS NULL
WITH collect(n) AS candidates
OPTIONAL CALL (candidates) {
  WITH candidates WHERE size(candidates) > 0
  MATCH ()-[r]->() WHERE r.claimant IS NOT NULL OR r.event IS NOT NULL
  WITH collect(DISTINCT r.claimant) + collect(DISTINCT r.event) AS relations_cite
  OPTIONAL MATCH (s:Source) WHERE s.party IS NOT NULL
  WITH relations_cite, collect(DISTINCT s.party) AS parties
  RETURN relations_cite + parties AS cited
}
UNWIND candidates AS n
WITH n, n.category AS category, coalesce(cited, []) AS cited
WHERE NOT n.id IN cited
DELETE n
RETURN category, count(*) AS count
