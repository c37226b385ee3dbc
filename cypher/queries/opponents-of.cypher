// Who is hostile to an actor, or it to them: every relation with a negative sign (opposes,
// fights, attacks, demands, captured, breached), in either direction, with claimant, how it is held and grades.
// @param actor: actor                 the actor (any id, name or alias)
// @param min_confidence: share = 0.0  leave out claims weighted below this confidence
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
MATCH (a:Entity {id: $actor})-[r]-(other:Actor)
WHERE r.sign < 0 AND r.confidence >= $min_confidence AND @of_datasets AND @of_claimants
RETURN other.id AS opponent_id, other.name AS opponent, r.term AS term,
       CASE WHEN r.symmetric THEN 'mutual' WHEN startNode(r) = a THEN 'outgoing' ELSE 'incoming' END AS direction,
       r.since AS since, r.until AS until, r.claimant AS claimant,
       coalesce(r.status, 'reported') AS held, r.credibility AS credibility,
       r.confidence AS confidence, r.sources AS sources, r.evidence AS evidence
ORDER BY confidence DESC, opponent_id, term
