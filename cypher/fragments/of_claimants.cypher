// A relation r is claimed by one of $claimants (anyone when the list is empty) and by none of
// $exclude_claimants (actor ids). Named queries declare both parameters.
(size($claimants) = 0 OR r.claimant IN $claimants) AND NOT coalesce(r.claimant, '') IN $exclude_claimants
