// Shortest paths between two actors (or places or events), ignoring direction, over the
// relation terms or types you choose (all of them when none are given), up to 8 steps; claims
// only speculated, forecast or denied are not walked unless include_status names them.
// @param from: entity      where the paths start (any id, name or alias)
// @param to: entity        where they end
// @param types: terms = [] relation terms or types to walk, comma-separated (e.g. supports,fights)
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
// @param include_status: statuses = [] also walk claims held so (speculated, forecast, denied)
CALL () {
  MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
  WHERE a <> b  // Neo4j refuses a shortest path from a node to itself: that one is below
  // First the shortest paths over every relation: that search reads no property on its way,
  // so an end with 50,000 relations costs it a fifth of what testing each one does (docs/
  // scale.md). When some of them pass the tests, they are the answer: the tests can only make
  // paths longer. When none does, or when the walk is narrowed to some types, datasets or
  // claimants (which such paths seldom pass), the search tests each relation as it goes; so
  // it does past 1,000 such paths, whose number multiplies with each step's parallel claims
  // (six speculated ones on each of 7 steps: 279,936 paths, 2.7 s, to be thrown away).
  CALL (a, b) {
    WITH a, b WHERE size($types) = 0 AND size($datasets) = 0 AND size($claimants) = 0
    MATCH q = allShortestPaths((a)-[*..8]-(b))
    WITH q LIMIT 1001
    RETURN collect(q) AS shortest
  }
  WITH a, b, CASE WHEN size(shortest) > 1000 THEN []
                  ELSE [q IN shortest WHERE all(r IN relationships(q) WHERE @walked)] END AS kept
  CALL (a, b, kept) {
    UNWIND kept AS p
    RETURN p
    UNION ALL
    WITH a, b WHERE size(kept) = 0
    MATCH p = allShortestPaths((a)-[*..8]-(b))
    WHERE all(r IN relationships(p) WHERE @walked)
    RETURN p
  }
  RETURN length(p) AS hops,
         [n IN nodes(p) | n.name] AS names,
         [r IN relationships(p) | r.term] AS terms,
         reduce(s = head(nodes(p)).name, i IN range(0, length(p) - 1) |
           s + CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN ' -[' ELSE ' <-[' END
             + relationships(p)[i].term
             + CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN ']-> ' ELSE ']- ' END
             + nodes(p)[i + 1].name) AS path
  UNION ALL
  // both ends one entity (two of its names, say): the path of no step
  MATCH (a:Entity {id: $from})
  WHERE $from = $to
  RETURN 0 AS hops, [a.name] AS names, [] AS terms, a.name AS path
}
RETURN hops, names, terms, path
ORDER BY path
