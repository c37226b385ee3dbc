// The sources that name their carrier (`via`), and that carrier, with the datasets' accounts of
// them (which may name another): a selection reads them once to add, at any depth, the
// carriers of the sources its claims cite.
MATCH (s:Source) WHERE s.via IS NOT NULL OR s.accounts IS NOT NULL
RETURN s.id AS id, s.via AS via, s.accounts AS accounts
