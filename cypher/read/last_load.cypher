// The newest load of $dataset (a drop is recorded too): how it was done, from which files.
MATCH (l:Load {dataset: $dataset})
RETURN l.summary AS summary, l.files AS files
ORDER BY l.at DESC
LIMIT 1
