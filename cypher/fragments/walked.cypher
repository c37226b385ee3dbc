// A relation r that path and brokers may walk: of the chosen terms or types ($types; all when
// none), of the datasets and claimants chosen, and held as fact or as one of $include_status.
(size($types) = 0 OR r.term IN $types OR type(r) IN $types) AND @of_datasets AND @of_claimants AND @held
