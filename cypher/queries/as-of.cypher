// The relations in force on a date: begun by then (by the earliest reading of a partial date)
// and not yet over (by the latest reading); point acts (attacks, captures, demands …) within
// `window` days before it. Undated relations are left out unless asked for, and claims only
// speculated, forecast or denied unless include_status names them.
// @param date: date                     the day, e.g. 2021-09-01
// @param window: count = 90               days before the date in which point acts count
// @param include_undated: bool = false  also list relations with no `since`
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param include_status: statuses = [] also list claims held so (speculated, forecast, denied)
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
WITH $date AS day
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (@in_force
       OR (r.since_start IS NULL AND $include_undated AND (r.until_end IS NULL OR r.until_end >= day)))
  AND @of_datasets AND @of_claimants AND @held
RETURN a.id AS from_id, a.name AS from, r.term AS term, b.id AS to_id, b.name AS to,
       r.since AS since, r.until AS until,
       r.claimant AS claimant, r.credibility AS credibility, r.confidence AS confidence
ORDER BY term, from, to, claimant
