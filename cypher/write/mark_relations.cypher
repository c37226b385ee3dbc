// A re-load in batches marks the relations it replaces or removes as its old generation
// (graph.loader.generations); readers still see them until the new generation is shown.
// $rows: [{eid, mark}]
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.eid
SET r.generation = row.mark
RETURN count(r) AS count
