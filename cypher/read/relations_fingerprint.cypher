// Count and summed halves of the content hashes of the relations $dataset wrote before
// (graph.loader.plan.fingerprint computes the same for the wanted ones): equal means unchanged.
// A hash of another type (written by an older version) counts but adds nothing: a mismatch.
MATCH ()-[r]->()
WHERE r.dataset = $dataset
WITH r, CASE WHEN r.content_hash IS :: INTEGER THEN r.content_hash END AS hash
RETURN count(r) AS count,
       coalesce(sum(hash / 4294967296), 0) AS high,
       coalesce(sum(hash % 4294967296), 0) AS low
