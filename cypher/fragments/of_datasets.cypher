// A relation r belongs to the datasets asked for: to one of $datasets (any when the list is
// empty) and to none of $exclude_datasets. Named queries declare both parameters. actorgraph
// adds what is hidden to $exclude_datasets: datasets, and the marks of a re-load's generations
// not shown (graph.query.hidden), compared with r.generation.
(size($datasets) = 0 OR r.dataset IN $datasets) AND NOT coalesce(r.dataset, '') IN $exclude_datasets
  AND NOT coalesce(r.generation, '') IN $exclude_datasets
