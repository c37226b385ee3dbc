// Each source with its reliability grade and what rests on it: the claims that cite it, and
// those that came through it (they cite a source it carried, at any depth: `via`), with the
// first few. (One pass over the relations, then a look-up per source.)
// @param examples: int = 3   how many of its claims to show per source
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
CALL () {
  // Sorted once as relations, not as (source, relation) rows, and examples kept as references
  // until named: at 300,000 generated relations this took 107 MB of the server's transaction
  // memory; collecting every claim's text before keeping the first few went past the default
  // heap's limit of 717 MiB.
  MATCH (a)-[r]->(b)
  WHERE a:Entity AND b:Entity AND @of_datasets AND @of_claimants
  WITH r ORDER BY r.confidence DESC, r.id
  UNWIND coalesce(r.rests_on, r.sources) AS sid
  WITH sid, count(r) AS claims, sum(CASE WHEN sid IN r.sources THEN 1 ELSE 0 END) AS cited,
       collect(r)[..$examples] AS top
  RETURN collect({sid: sid, claims: claims, cited: cited,
                  shown: [t IN top | startNode(t).name + ' ' + t.term + ' ' + endNode(t).name]})
         AS backed
}
CALL (backed) {
  // each source looked up by id, not each searched for in the list: at 10,000 sources (a
  // feed's media) the search cost 6 s
  UNWIND backed AS found
  MATCH (s:Source {id: found.sid})
  RETURN s, found
  UNION ALL
  // a source nothing read rests on, unless of a dataset left out
  WITH [x IN backed | x.sid] AS ids
  MATCH (s:Source)
  WHERE NOT s.id IN ids AND NOT coalesce(s.dataset, '') IN $exclude_datasets
  RETURN s, null AS found
}
RETURN s.id AS source, s.title AS title, s.reliability AS reliability, s.date AS date,
       coalesce(found.claims, 0) AS claims, coalesce(found.cited, 0) AS cited,
       coalesce(found.shown, []) AS examples
ORDER BY claims DESC, source
