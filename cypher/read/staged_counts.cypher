// How many actors, places and events, and relations, $dataset holds: a batched load checks
// them against its plan before it makes the dataset visible.
CALL () { MATCH (n:Entity {dataset: $dataset}) RETURN count(n) AS entities }
CALL () { MATCH ()-[r]->() WHERE r.dataset = $dataset RETURN count(r) AS relations }
RETURN entities, relations
