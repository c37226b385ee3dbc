// What a load of $dataset depends on and leaves behind, as counts and summed halves of content
// hashes (graph.loader.recognise.dataset_state): the dataset's own entities, sources and relations,
// the other datasets' entities and sources its names may resolve to, and how many of $refs
// (relation ids its `contradicts` point at outside it) exist. Items without an integer hash
// are counted in `items` but not in `hashed`.
CALL () {
  MATCH (n:Entity)
  WITH coalesce(n.dataset = $dataset, false) AS own,
       CASE WHEN n.content_hash IS :: INTEGER THEN n.content_hash END AS hash
  WITH own, count(*) AS items, count(hash) AS hashed,
       coalesce(sum(hash / 4294967296), 0) AS high, coalesce(sum(hash % 4294967296), 0) AS low
  RETURN collect({own: own, items: items, hashed: hashed, high: high, low: low}) AS entities
}
CALL () {
  MATCH (s:Source)
  WITH coalesce(s.dataset = $dataset, false) AS own,
       CASE WHEN s.content_hash IS :: INTEGER THEN s.content_hash END AS hash
  WITH own, count(*) AS items, count(hash) AS hashed,
       coalesce(sum(hash / 4294967296), 0) AS high, coalesce(sum(hash % 4294967296), 0) AS low
  RETURN collect({own: own, items: items, hashed: hashed, high: high, low: low}) AS sources
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.dataset = $dataset
  WITH CASE WHEN r.content_hash IS :: INTEGER THEN r.content_hash END AS hash
  RETURN {items: count(*), hashed: count(hash), high: coalesce(sum(hash / 4294967296), 0),
          low: coalesce(sum(hash % 4294967296), 0)} AS relations
}
CALL () {
  MATCH ()-[r]->()
  WHERE r.id IN $refs AND coalesce(r.dataset <> $dataset, true)
  RETURN count(DISTINCT r.id) AS refs
}
RETURN entities, sources, relations, refs
