// How many relations $dataset has, by type (a drop decides from it whether to go in batches).
MATCH ()-[r]->() WHERE r.dataset = $dataset
RETURN type(r) AS type, count(*) AS count
