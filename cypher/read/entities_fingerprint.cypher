// Count and summed halves of the content hashes of the stored nodes among $ids
// (graph.loader.plan.fingerprint computes the same for the wanted ones): equal means unchanged.
// A hash of another type (written by an older version) counts but adds nothing: a mismatch.
UNWIND $ids AS id
MATCH (n:Entity {id: id})
WITH n, CASE WHEN n.content_hash IS :: INTEGER THEN n.content_hash END AS hash
RETURN count(n) AS count,
       coalesce(sum(hash / 4294967296), 0) AS high,
       coalesce(sum(hash % 4294967296), 0) AS low
