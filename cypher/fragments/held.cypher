// A relation r is held as fact (reported, asserted or inferred: no status is "reported"), or
// held as one of $include_status (speculated, forecast, denied). graph.analyze.status.held is
// the same rule for a View's edges. Named queries using it declare $include_status.
(NOT coalesce(r.status, 'reported') IN ['speculated', 'denied', 'forecast'] OR r.status IN $include_status)
