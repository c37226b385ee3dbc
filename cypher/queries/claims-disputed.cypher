// Claims in dispute side by side, neither taken as the fact: each pair of relations marked
// `contradicts`, and each pair of figures that disagree about the same thing: between the same
// two entities, counted for the same side, at the same event (or one of them names none), of the
// same quantity (killed and casualties are compared with each other). Two figures disagree when
// their low–high ranges do not meet, or both give a best estimate and the two differ.
// @param datasets: list = []          only disputes a claim of these datasets takes part in
// @param exclude_datasets: list = []  leave out disputes a claim of these datasets takes part in
// @param claimants: entities = []         only disputes one of these actors takes a side in
// @param exclude_claimants: entities = [] leave out disputes these actors take a side in
CALL () {
  // The tallies each load keeps (graph.tallies, version 2) name the few relations that
  // contradict others or carry figures, and those a `contradicts` names, when they are right
  // (cypher/read/tallied): at 300,000 relations a pass over every relation took 245 ms.
  OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
  WITH coalesce(lock.tallies = 2 AND lock.tallied_stages = lock.stages, false) AS right,
       coalesce(lock.disputes_named, []) AS named
  // element ids as counted: a copy of the store may number relationships anew
  // (and a tally of too many to list has none: graph.tallies.LISTED)
  RETURN right AND all(t IN COLLECT { MATCH (t:DisputeTally) RETURN t }
                       WHERE t.claims IS NOT NULL
                         AND EXISTS { MATCH ()-[r]->()
                                      WHERE elementId(r) = t.claims[0] AND r.id = t.first
                                        AND r.dataset = t.dataset }) AS tallied,
         named
}
CALL (tallied) {
  // the tallies of datasets and generations not shown are read too: a pair is shown only when
  // both its claims are, which is tested last for either way of reading
  WITH tallied WHERE tallied
  MATCH (t:DisputeTally)
  UNWIND t.claims AS id
  MATCH ()-[r]->()
  WHERE elementId(r) = id
  RETURN r
  UNION ALL
  // Otherwise one pass over the relations finds both those that contradict others and those
  // with figures; a second one, only when some contradict others, finds those by id. (A
  // look-up by id, a pass per contradiction, took 3.6 s for 7 contradictions at 290,000
  // relations; three passes, one per kind, took 815 ms at 300,000.)
  WITH tallied WHERE NOT tallied
  MATCH ()-[r]->()
  RETURN r
}
WITH tallied, named, r
WHERE r.contradicts IS NOT NULL OR r.quantities IS NOT NULL  // a tally's id may hold another now
WITH DISTINCT tallied, named, r
WITH tallied, named, r, startNode(r) AS a, endNode(r) AS b
WHERE a:Entity AND b:Entity
WITH tallied, named,
     collect(CASE WHEN r.contradicts IS NOT NULL THEN [a, r, b] END) AS claims,
     collect(CASE WHEN r.quantities IS NOT NULL THEN [a, r, b] END) AS counted
CALL (tallied, named, claims, counted) {
  WITH tallied, named, claims WHERE size(claims) > 0
  WITH tallied, named, claims,
       reduce(ids = [], claim IN claims | ids + claim[1].contradicts) AS wanted
  CALL (tallied, named) {
    WITH named WHERE tallied
    UNWIND named AS id
    MATCH ()-[o]->()
    WHERE elementId(o) = id
    RETURN o
    UNION ALL
    WITH tallied WHERE NOT tallied
    MATCH ()-[o]->()
    RETURN o
  }
  WITH claims, wanted, o WHERE o.id IN wanted
  WITH claims, o, startNode(o) AS c, endNode(o) AS d
  WHERE c:Entity AND d:Entity
  WITH claims, collect([c, o, d]) AS targets
  UNWIND claims AS claim
  UNWIND claim[1].contradicts AS other_id
  UNWIND [t IN targets WHERE t[1].id = other_id] AS target
  WITH claim[0] AS a, claim[1] AS r, claim[2] AS b, target[0] AS c, target[1] AS o, target[2] AS d
  WITH CASE WHEN r.id < o.id THEN [a, r, b, c, o, d] ELSE [c, o, d, a, r, b] END AS pair
  WITH DISTINCT pair
  WITH pair, [r IN [pair[1], pair[4]] |
              CASE WHEN r.status IN ['inferred', 'speculated', 'denied', 'forecast']
                   THEN ' (' + r.status + ')' ELSE '' END] AS held
  RETURN pair[1] AS one, pair[4] AS other,
         pair[0].name + ' ' + pair[1].term + held[0] + ' ' + pair[2].name AS claim,
         pair[3].name + ' ' + pair[4].term + held[1] + ' ' + pair[5].name AS counter_claim
  UNION ALL
  UNWIND counted AS claim
  WITH claim[0] AS a, claim[1] AS r, claim[2] AS b
  UNWIND r.quantities AS q
  WITH a, r, b, q, r[q + '_low'] AS low, r[q + '_best'] AS best, r[q + '_high'] AS high,
       r[q + '_of'] AS whose, r[q + '_said'] AS said
  WITH CASE WHEN a.id < b.id THEN [a.id, b.id] ELSE [b.id, a.id] END AS ends, whose,
       CASE q WHEN 'casualties' THEN 'killed' ELSE q END AS measure,
       {r: r, q: q, event: r.event, low: coalesce(low, best, 0), high: coalesce(high, best, 1.0e18), best: best,
        text: a.name + ' ' + r.term + ' ' + b.name + ': ' + q +
              CASE WHEN whose IS NULL THEN '' ELSE ' of ' + CASE whose WHEN a.id THEN a.name ELSE b.name END END +
              ' ' +
              CASE WHEN best IS NULL THEN '' ELSE toString(best) END +
              CASE WHEN low IS NULL AND high IS NULL THEN ''
                   ELSE CASE WHEN best IS NULL THEN '' ELSE ' (' END +
                        CASE WHEN high IS NULL THEN toString(low) + ' or more'
                             WHEN low IS NULL THEN 'up to ' + toString(high)
                             ELSE toString(low) + '–' + toString(high) END +
                        CASE WHEN best IS NULL THEN '' ELSE ')' END
              END +
              CASE WHEN said IS NULL THEN '' ELSE ' ("' + said + '")' END} AS figure
  // Pairs within one event's figures, and each figure naming no event with every other: grouped
  // so, a feed's thousands of events between two sides cost one pass, not every pair.
  WITH ends, whose, measure, figure.event AS event, collect(figure) AS at_event
  WITH ends, whose, measure, collect({event: event, figures: at_event}) AS groups
  WITH groups, reduce(acc = [], g IN groups | acc + g.figures) AS everything,
       reduce(acc = [], g IN groups | CASE WHEN g.event IS NULL THEN g.figures ELSE acc END) AS loose
  UNWIND groups AS bunch
  UNWIND bunch.figures AS f
  UNWIND CASE WHEN f.event IS NULL THEN everything ELSE bunch.figures + loose END AS g
  WITH f, g WHERE elementId(f.r) <> elementId(g.r)  // a claim's own figures are no dispute
  // each pair once, the lower id first (two datasets' claims may share an id)
  WITH DISTINCT CASE WHEN f.r.id < g.r.id OR (f.r.id = g.r.id AND elementId(f.r) < elementId(g.r))
                     THEN [f, g] ELSE [g, f] END AS pair
  WITH pair[0] AS f, pair[1] AS g
  WHERE f.low > g.high OR g.low > f.high OR (f.best IS NOT NULL AND g.best IS NOT NULL AND f.best <> g.best)
  RETURN f.r AS one, g.r AS other, f.text AS claim, g.text AS counter_claim
}
// A dispute is shown when either claim is of a dataset asked for, as when either claimant is
// (a claim of one dataset against another's), and neither is of a dataset left out or hidden.
WITH one, other, claim, counter_claim
WHERE all(r IN [one, other] WHERE @not_hidden)
  AND (size($datasets) = 0 OR any(r IN [one, other] WHERE r.dataset IN $datasets))
  AND (size($claimants) = 0 OR any(r IN [one, other] WHERE r.claimant IN $claimants))
  AND none(r IN [one, other] WHERE r.claimant IN $exclude_claimants)
RETURN claim, one.claimant AS claimant, one.credibility AS credibility,
       counter_claim, other.claimant AS counter_claimant, other.credibility AS counter_credibility,
       one.id AS claim_id, other.id AS counter_claim_id
ORDER BY claim_id, counter_claim_id, claim, counter_claim
