// A relation r belongs to the datasets asked for: to one of $datasets (any when the list is
// empty) and to none of $exclude_datasets, nor to a generation hidden (@not_hidden). Named
// queries declare both parameters.
@not_hidden AND (size($datasets) = 0 OR r.dataset IN $datasets)
