// Record a load: which dataset, from which files, and what it changed; with the fingerprints of
// its inputs and of the state it left ($inputs, $state, $refs), which let the next load of the
// same files see that nothing changed (graph.loader.recognise).
CREATE (l:Load {
  id: $id, dataset: $dataset, files: $files, sha256: $hashes, at: datetime(),
  actorgraph_version: $version, created: $created, updated: $updated,
  unchanged: $unchanged, removed: $removed, summary: $summary,
  inputs: $inputs, state: $state, refs: $refs, description: $description
})
RETURN l.id AS id
