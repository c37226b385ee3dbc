// Each dataset's newest load: when, from which files, and how (a drop is recorded too).
MATCH (l:Load)
WITH l ORDER BY l.at DESC
WITH l.dataset AS name, collect(l)[0] AS last, count(l) AS loads
RETURN name, toString(last.at) AS at, last.files AS files, last.summary AS summary, loads
