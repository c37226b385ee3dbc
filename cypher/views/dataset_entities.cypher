// The ids of the actors, places and events $datasets own or give an account of: a dataset
// chosen whole keeps those no relation of it touches (an export loads back complete).
MATCH (n:Entity)
WHERE n.dataset IN $datasets OR any(d IN coalesce(n.account_datasets, []) WHERE d IN $datasets)
RETURN collect(n.id) AS ids
