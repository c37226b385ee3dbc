// Drop: the dataset's relations, counted by type.
MATCH ()-[r {dataset: $dataset}]->()
WITH r, type(r) AS type
DELETE r
RETURN type, count(*) AS count
