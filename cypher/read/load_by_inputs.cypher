// The newest load recorded with the inputs fingerprint $inputs, if it is also the newest load
// of its dataset: what it left behind (state) and which outside relations it referred to.
MATCH (l:Load {inputs: $inputs})
WITH l ORDER BY l.at DESC LIMIT 1
OPTIONAL MATCH (later:Load {dataset: l.dataset}) WHERE later.at > l.at
WITH l, count(later) AS later
WHERE later = 0
RETURN l.dataset AS dataset, l.state AS state, l.refs AS refs, l.summary AS summary
