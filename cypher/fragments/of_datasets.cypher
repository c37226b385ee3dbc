// A relation r belongs to the datasets asked for: to one of $datasets (any when the list is
// empty) and to none of $exclude_datasets. Named queries declare both parameters. actorgraph
// adds what is hidden to $exclude_datasets: datasets, and the marks of a re-load's generations
// not shown (graph.query.hidden), compared with r.generation.
// Every relation actorgraph writes has a dataset. Neo4j reads committed data, not a snapshot:
// a relation another transaction deletes while this one reads (a re-load's old generation, a
// dropped dataset) can still be matched, with every property null. No dataset is that ghost.
r.dataset IS NOT NULL
  AND (size($datasets) = 0 OR r.dataset IN $datasets) AND NOT r.dataset IN $exclude_datasets
  AND NOT coalesce(r.generation, '') IN $exclude_datasets
