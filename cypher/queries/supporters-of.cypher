// Who supports an actor (supports, allied with), with each claim's claimant, how it is held
// (a forecast or a speculation is no fact), sources and grades.
// Supporters are ordered by the analyst's confidence, strongest first.
// @param actor: actor                 the actor supported (any id, name or alias)
// @param min_confidence: share = 0.0  leave out claims weighted below this confidence
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
MATCH (supporter:Actor)-[r:SUPPORTS|ALLIED_WITH]-(target:Entity {id: $actor})
WHERE (type(r) = 'ALLIED_WITH' OR endNode(r) = target)
  AND r.confidence >= $min_confidence
  AND @of_datasets AND @of_claimants
CALL (r) {
  UNWIND r.sources AS sid
  OPTIONAL MATCH (s:Source {id: sid})
  RETURN collect(sid + ' (' + coalesce(s.reliability, '?') + ')') AS sources
}
RETURN supporter.id AS supporter_id, supporter.name AS supporter, r.term AS term,
       r.subtype AS subtype, r.since AS since, r.until AS until, r.claimant AS claimant,
       coalesce(r.status, 'reported') AS held,
       r.credibility AS credibility, r.confidence AS confidence, sources, r.evidence AS evidence
ORDER BY confidence DESC, supporter_id, since
