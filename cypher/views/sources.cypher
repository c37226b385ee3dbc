// Sources by id, for the provenance shown in edge tooltips.
MATCH (s:Source) WHERE s.id IN $ids
RETURN s.id AS id, s.title AS title, s.reliability AS reliability, s.date AS date
