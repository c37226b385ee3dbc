// A relation r belongs to the datasets asked for: to one of $datasets (any when the list is
// empty) and to none of $exclude_datasets. Named queries declare both parameters.
(size($datasets) = 0 OR r.dataset IN $datasets) AND NOT coalesce(r.dataset, '') IN $exclude_datasets
