// Each source with its reliability grade and what rests on it: the claims that cite it, and
// those that came through it (they cite a source it carried, at any depth: `via`), with the
// first few. (One pass over the relations, then a look-up per source.)
// @param examples: int = 3   how many of its claims to show per source
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE @of_datasets AND @of_claimants
  UNWIND coalesce(r.rests_on, r.sources) AS sid
  WITH sid, r, a, b ORDER BY r.confidence DESC, r.id
  WITH sid, count(r) AS claims, sum(CASE WHEN sid IN r.sources THEN 1 ELSE 0 END) AS cited,
       collect(a.name + ' ' + r.term + ' ' + b.name)[..$examples] AS shown
  RETURN collect({sid: sid, claims: claims, cited: cited, shown: shown}) AS backed
}
MATCH (s:Source)
WITH s, [x IN backed WHERE x.sid = s.id][0] AS found
// a source of a dataset left out is listed only if what is read still rests on it
WHERE found IS NOT NULL OR NOT coalesce(s.dataset, '') IN $exclude_datasets
RETURN s.id AS source, s.title AS title, s.reliability AS reliability, s.date AS date,
       coalesce(found.claims, 0) AS claims, coalesce(found.cited, 0) AS cited,
       coalesce(found.shown, []) AS examples
ORDER BY claims DESC, source
