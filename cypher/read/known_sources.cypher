// Ids of the sources already loaded.
MATCH (s:Source) RETURN s.id AS id
