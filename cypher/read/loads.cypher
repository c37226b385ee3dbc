// The loads recorded in the database, newest first.
MATCH (l:Load)
RETURN l.id AS id, l.dataset AS dataset, toString(l.at) AS at, l.files AS files,
       l.created AS created, l.updated AS updated, l.unchanged AS unchanged, l.removed AS removed,
       l.summary AS summary
ORDER BY l.at DESC
LIMIT $limit
