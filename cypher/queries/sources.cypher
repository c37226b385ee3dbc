// Each source with its reliability grade and what rests on it: the claims that cite it, and
// those that came through it (they cite a source it carried, at any depth: `via`), with the
// first few.
// @param examples: count = 3   how many of its claims to show per source
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
CALL () {
  // The tallies each load keeps (graph.tallies, version 2) answer without claimants, for as
  // many examples as they keep, when they are right (cypher/read/tallied): at 300,000
  // relations in 12 ms, where a pass over every relation took 1.75 s.
  OPTIONAL MATCH (lock:LoadLock {id: 'loads'})
  RETURN coalesce(lock.tallies = 2 AND lock.tallied_stages = lock.stages
                  AND $examples <= lock.tallies_kept, false)
         AND size($claimants) = 0 AND size($exclude_claimants) = 0 AS tallied
}
CALL (tallied) {
  WITH tallied WHERE tallied
  MATCH (r:SourceTally)
  WHERE @of_datasets  // a tally has the dataset and generation of the relations it counts
  WITH r.source AS sid, sum(r.claims) AS claims, sum(r.cited) AS cited, collect(r) AS tallies
  CALL (tallies) {
    UNWIND tallies AS t
    UNWIND range(0, size(t.top_id) - 1) AS i
    WITH t, i ORDER BY t.top_confidence[i] DESC, t.top_id[i], t.dataset LIMIT $examples
    OPTIONAL MATCH (a:Entity {id: t.top_from[i]})
    OPTIONAL MATCH (b:Entity {id: t.top_to[i]})
    WITH t.top_confidence[i] AS confidence, t.top_id[i] AS id, t.dataset AS dataset,
         a.name + ' ' + t.top_term[i] + ' ' + b.name AS text
    ORDER BY confidence DESC, id, dataset
    RETURN collect(text) AS shown
  }
  // collected in a WITH of its own: beside a constant, collect() groups by it and gives no row
  // at all when nothing matches, and no source would then be listed with 0
  WITH collect({sid: sid, claims: claims, cited: cited, shown: shown}) AS backed
  RETURN true AS from_tallies, backed
  UNION ALL
  WITH tallied WHERE NOT tallied
  // One pass over the relations, sorted once as relations, not as (source, relation) rows, and
  // examples kept as references until named: at 300,000 generated relations this took 107 MB
  // of the server's transaction memory; collecting every claim's text before keeping the first
  // few went past the default heap's limit of 717 MiB.
  MATCH (a)-[r]->(b)
  WHERE a:Entity AND b:Entity AND @of_datasets AND @of_claimants
  WITH r ORDER BY coalesce(r.confidence, -1.0) DESC, r.id, r.dataset  // as tallies rank them
  UNWIND coalesce(r.rests_on, r.sources) AS sid
  WITH sid, count(r) AS claims, sum(CASE WHEN sid IN r.sources THEN 1 ELSE 0 END) AS cited,
       collect(r)[..$examples] AS top
  WITH collect({sid: sid, claims: claims, cited: cited,
                shown: [t IN top | startNode(t).name + ' ' + t.term + ' ' + endNode(t).name]})
       AS backed
  RETURN false AS from_tallies, backed
}
WITH backed WHERE from_tallies = tallied  // the other branch read nothing, and collected []
CALL (backed) {
  // each source looked up by id, not each searched for in the list: at 10,000 sources (a
  // feed's media) the search cost 6 s
  UNWIND backed AS found
  MATCH (s:Source {id: found.sid})
  RETURN s, found
  UNION ALL
  // a source nothing read rests on, of a dataset asked for (its own or one that keeps an account
  // of it) and not of one left out
  WITH [x IN backed | x.sid] AS ids
  MATCH (s:Source)
  WHERE NOT s.id IN ids AND NOT coalesce(s.dataset, '') IN $exclude_datasets
    AND (size($datasets) = 0 OR s.dataset IN $datasets
         OR any(d IN coalesce(s.account_datasets, []) WHERE d IN $datasets))
  RETURN s, null AS found
}
RETURN s.id AS source, s.title AS title, s.reliability AS reliability, s.date AS date,
       coalesce(found.claims, 0) AS claims, coalesce(found.cited, 0) AS cited,
       coalesce(found.shown, []) AS examples
ORDER BY claims DESC, source
