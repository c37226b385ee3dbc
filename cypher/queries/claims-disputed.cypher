// Contradictory claims side by side: each pair of relations marked `contradicts`, with what
// each says, who claims it, and its grades. Neither is taken as the fact.
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only disputes one of these actors takes a side in
// @param exclude_claimants: entities = [] leave out disputes these actors take a side in
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.contradicts IS NOT NULL
UNWIND r.contradicts AS other_id
MATCH (c:Entity)-[o]->(d:Entity)
WHERE o.id = other_id
WITH CASE WHEN r.id < o.id THEN [a, r, b, c, o, d] ELSE [c, o, d, a, r, b] END AS pair
WITH DISTINCT pair
WHERE all(r IN [pair[1], pair[4]] WHERE @of_datasets)
  AND (size($claimants) = 0 OR any(r IN [pair[1], pair[4]] WHERE r.claimant IN $claimants))
  AND none(r IN [pair[1], pair[4]] WHERE r.claimant IN $exclude_claimants)
RETURN pair[0].name + ' ' + pair[1].term + ' ' + pair[2].name AS claim,
       pair[1].claimant AS claimant, pair[1].credibility AS credibility,
       pair[3].name + ' ' + pair[4].term + ' ' + pair[5].name AS counter_claim,
       pair[4].claimant AS counter_claimant, pair[4].credibility AS counter_credibility,
       pair[1].id AS claim_id, pair[4].id AS counter_claim_id
ORDER BY claim_id, counter_claim_id
