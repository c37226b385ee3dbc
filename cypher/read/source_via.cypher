// The sources that name their carrier (`via`), and that carrier: a selection reads them once
// to add, at any depth, the carriers of the sources its claims cite.
MATCH (s:Source) WHERE s.via IS NOT NULL
RETURN s.id AS id, s.via AS via
