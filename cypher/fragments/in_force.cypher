// A relation r is in force on the day `day`: begun by then (by the earliest reading of a partial
// date: 2021-08 begins 2021-08-01) and not yet over (by the latest reading of its end). A point
// act (r.duration = 'point': an attack, a capture) is in force within $window days before the
// day, counting its latest reading. Undated relations are in force on no day.
// graph.subgraph.in_force is the same rule for a View's edges.
r.since_start <= day AND CASE WHEN r.duration = 'point' THEN coalesce(r.until_end, r.since_end) >= day - duration({days: $window}) ELSE r.until_end IS NULL OR r.until_end >= day END
