// The :Load record $id goes, to be written again in the same transaction: a re-load in batches
// records itself when it is shown, and once more when its old generation is gone, with what it
// pruned last and its state fingerprint (graph.loader.generations).
MATCH (l:Load {id: $id})
DELETE l
