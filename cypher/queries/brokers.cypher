// Brokers: actors that lie on many shortest paths between other actors. This is betweenness
// centrality over the actor network, directions ignored, several claims between the same two
// actors counted as one tie; each pair of actors shares one point among its shortest paths.
// Claims only speculated, forecast or denied count only when include_status names them.
// @param types: terms = []  relation terms or types to count (all when none are given)
// @param limit: count = 10    how many actors to list
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
// @param include_status: statuses = [] also walk claims held so (speculated, forecast, denied)
// Only actors with a relation that counts can end a path that counts: pairing the others too
// took hours for one dataset's brokers beside a large one.
MATCH (a:Actor)
WHERE EXISTS {
  MATCH (a)-[r]-(:Actor)
  WHERE @walked
}
WITH collect(a) AS ends
UNWIND ends AS a
UNWIND ends AS b
WITH a, b
WHERE a.id < b.id
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE all(n IN nodes(p) WHERE n:Actor)
  AND all(r IN relationships(p) WHERE @walked)
WITH a, b, collect(DISTINCT nodes(p)) AS paths
WITH paths, size(paths) AS k
UNWIND paths AS path
UNWIND path[1..-1] AS broker
WITH broker, sum(1.0 / k) AS betweenness
RETURN broker.id AS id, broker.name AS name, broker.kind AS kind,
       round(betweenness, 3) AS betweenness
ORDER BY betweenness DESC, id
LIMIT $limit
