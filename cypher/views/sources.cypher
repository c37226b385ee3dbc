// Sources by id, for the provenance shown in tooltips and written by exports.
MATCH (s:Source) WHERE s.id IN $ids
RETURN s.id AS id, s.title AS title, s.reliability AS reliability, s.date AS date,
       properties(s) AS props
ORDER BY s.id
