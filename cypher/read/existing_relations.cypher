// Which of $ids are ids of relations in the database.
MATCH ()-[r]->() WHERE r.id IN $ids RETURN DISTINCT r.id AS id
