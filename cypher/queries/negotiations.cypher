// Who talked to whom: negotiations, mediation and requests for mediation, with the outcome,
// the event they belong to, who reports them, how they hold it (a forecast is no talk) and
// how credible that is.
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
MATCH (a:Actor)-[r:NEGOTIATES_WITH|MEDIATES|REQUESTS_MEDIATION_FROM]->(b:Actor)
WHERE @of_datasets AND @of_claimants
RETURN a.name AS party, r.term AS term, b.name AS counterpart, r.outcome AS outcome,
       r.since AS since, r.event AS event, r.claimant AS claimant,
       coalesce(r.status, 'reported') AS held,
       r.credibility AS credibility, r.confidence AS confidence, r.evidence AS evidence
ORDER BY since, party, counterpart, claimant
