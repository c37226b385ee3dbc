// How many nodes hold data: everything but the lock node and the tallies (counted from
// the relations: graph.tallies).
MATCH (n) WHERE NOT n:LoadLock AND NOT n:SourceTally AND NOT n:DisputeTally RETURN count(n) AS n
