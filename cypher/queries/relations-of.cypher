// Every relation of an actor, place or event, in both directions, with its provenance.
// @param actor: entity   the actor, place or event (any id, name or alias)
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
MATCH (a:Entity {id: $actor})-[r]-(other:Entity)
WHERE @of_datasets AND @of_claimants
RETURN CASE WHEN r.symmetric THEN 'mutual' WHEN startNode(r) = a THEN 'outgoing' ELSE 'incoming' END AS direction,
       r.term AS term, other.id AS other_id, other.name AS other, other.kind AS other_kind,
       r.since AS since, r.until AS until, r.claimant AS claimant, r.credibility AS credibility,
       r.confidence AS confidence, r.sources AS sources, r.id AS relation_id
ORDER BY direction DESC, term, other_id, relation_id
