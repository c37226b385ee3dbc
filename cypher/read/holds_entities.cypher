// Whether $dataset holds any actor, place or event already (by the dataset index).
RETURN EXISTS { MATCH (n:Entity {dataset: $dataset}) } AS held
