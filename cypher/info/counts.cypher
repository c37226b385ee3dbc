// How big the database is: the nodes that hold data (not the load lock, nor the tallies:
// graph.tallies), all relationships.
CALL () {
  MATCH (n) WHERE NOT n:LoadLock AND NOT n:SourceTally AND NOT n:DisputeTally
  RETURN count(n) AS nodes
}
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
