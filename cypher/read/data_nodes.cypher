// How many nodes hold data: everything but the lock node and the tallies of sources (counted
// from the relations: graph.tallies).
MATCH (n) WHERE NOT n:LoadLock AND NOT n:SourceTally RETURN count(n) AS n
