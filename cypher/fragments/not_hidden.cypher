// A relation r is not left out: of a dataset, none of $exclude_datasets, and no generation
// on it either. actorgraph adds what is hidden to $exclude_datasets: datasets, and the marks
// of a re-load's generations not shown (graph.query.hidden), compared with r.generation.
// Every relation actorgraph writes has a dataset. Neo4j reads committed data, not a snapshot:
// a relation another transaction deletes while this one reads (a re-load's old generation, a
// dropped dataset) can still be matched, with every property null. No dataset is that ghost.
r.dataset IS NOT NULL AND NOT r.dataset IN $exclude_datasets
  AND NOT coalesce(r.generation, '') IN $exclude_datasets
