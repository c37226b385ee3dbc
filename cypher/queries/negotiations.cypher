// Who talked to whom: negotiations, mediation and requests for mediation, with the outcome,
// the event they belong to, who reports them, how they hold it (a forecast is no talk) and
// how credible that is.
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
CALL () {
  // Told the rows wanted ($actorgraph_rows, null for all: actorgraph gives it to a query that
  // reads it), each type's dated relations are read in the order of their `since` index
  // (cypher/schema.cypher), and only that many: at 300,000 relations, 45 ms for the first
  // 1,000 where sorting all 55,000 took 180 ms. The undated ones come last, so they are read
  // only when the dated ones are too few.
  CALL () {
    MATCH (a:Actor)-[r:NEGOTIATES_WITH]->(b:Actor)
    WHERE r.since IS NOT NULL AND @of_datasets AND @of_claimants
    RETURN r ORDER BY r.since, a.name, b.name, r.claimant LIMIT coalesce($actorgraph_rows, 9223372036854775807)
    UNION ALL
    MATCH (a:Actor)-[r:MEDIATES]->(b:Actor)
    WHERE r.since IS NOT NULL AND @of_datasets AND @of_claimants
    RETURN r ORDER BY r.since, a.name, b.name, r.claimant LIMIT coalesce($actorgraph_rows, 9223372036854775807)
    UNION ALL
    MATCH (a:Actor)-[r:REQUESTS_MEDIATION_FROM]->(b:Actor)
    WHERE r.since IS NOT NULL AND @of_datasets AND @of_claimants
    RETURN r ORDER BY r.since, a.name, b.name, r.claimant LIMIT coalesce($actorgraph_rows, 9223372036854775807)
  }
  WITH collect(r) AS dated
  CALL (dated) {
    WITH dated WHERE size(dated) < coalesce($actorgraph_rows, 9223372036854775807)
    MATCH (a:Actor)-[r:NEGOTIATES_WITH|MEDIATES|REQUESTS_MEDIATION_FROM]->(b:Actor)
    WHERE r.since IS NULL AND @of_datasets AND @of_claimants
    RETURN collect(r) AS undated
  }
  UNWIND dated + undated AS r
  RETURN r
}
WITH startNode(r) AS a, r, endNode(r) AS b
RETURN a.id AS party_id, a.name AS party, r.term AS term, b.id AS counterpart_id,
       b.name AS counterpart, r.outcome AS outcome,
       r.since AS since, r.event AS event, r.claimant AS claimant,
       coalesce(r.status, 'reported') AS held,
       r.credibility AS credibility, r.confidence AS confidence, r.evidence AS evidence
ORDER BY since, party, counterpart, claimant
