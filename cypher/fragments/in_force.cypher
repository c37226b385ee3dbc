// A relation r is in force on the day `day`: begun by then (by the earliest reading of a partial
// date: 2021-08 begins 2021-08-01) and not yet over (by the latest reading of its end). Undated
// relations are in force on no day. graph.subgraph.in_force is the same rule for a View's edges.
r.since_start <= day AND (r.until_end IS NULL OR r.until_end >= day)
