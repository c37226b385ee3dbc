// Record a load: which dataset, from which files, and what it changed.
CREATE (l:Load {
  id: $id, dataset: $dataset, files: $files, sha256: $hashes, at: datetime(),
  actorgraph_version: $version, created: $created, updated: $updated,
  unchanged: $unchanged, removed: $removed, summary: $summary
})
RETURN l.id AS id
