// A dataset's tallies (of sources, and of the claims in dispute), deleted: it has no relation
// left, or none shown (graph.tallies); every dataset's when $dataset is null.
CALL () {
  MATCH (t:SourceTally)
  WHERE $dataset IS NULL OR t.dataset = $dataset
  DELETE t
}
MATCH (t:DisputeTally)
WHERE $dataset IS NULL OR t.dataset = $dataset
DELETE t
