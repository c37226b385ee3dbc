// Create actors, places and events the database does not have yet (the loader compared the
// dataset with read/stored_entities first). $rows: [{labels: [category, kind], props: {...}}]
// Labels come from the checked vocabulary; the :Entity(id) constraint forbids duplicates.
UNWIND $rows AS row
CREATE (n:Entity)
SET n = row.props
SET n:$(row.labels)
RETURN count(n) AS count
