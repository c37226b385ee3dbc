// Each dataset's newest load: when, from which files, and how (a drop is recorded too); and
// its description: its newest load's, or else the newest an earlier load gave (a load of CSV
// files gives none), but none from before its last drop.
MATCH (l:Load)
WITH l ORDER BY l.at DESC
WITH l.dataset AS name, collect(l) AS history, count(l) AS loads
WITH name, history, loads, [i IN range(0, size(history) - 1)
                         WHERE history[i].summary CONTAINS '"method": "drop"'][0] AS dropped
WITH name, history[0] AS last, loads,
     [x IN CASE WHEN dropped IS NULL THEN history ELSE history[..dropped] END
      WHERE x.description IS NOT NULL][0] AS described
RETURN name, toString(last.at) AS at, last.files AS files, last.summary AS summary, loads,
       described.description AS description
