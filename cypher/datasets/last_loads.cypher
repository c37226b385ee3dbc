// Each dataset's newest load: when, from which files, and how (a drop is recorded too).
MATCH (l:Load)
WITH l ORDER BY l.at DESC
WITH l.dataset AS name, collect(l) AS all, count(l) AS loads
WITH name, all[0] AS last, [x IN all WHERE x.description IS NOT NULL][0] AS described, loads
RETURN name, toString(last.at) AS at, last.files AS files, last.summary AS summary, loads,
       described.description AS description
