// A dataset's tallies of sources, deleted: it has no relation left, or none shown
// (graph.tallies); every dataset's when $dataset is null.
MATCH (t:SourceTally)
WHERE $dataset IS NULL OR t.dataset = $dataset
DELETE t
