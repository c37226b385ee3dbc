// The sources already loaded, with the dataset that defines each and what it says.
MATCH (s:Source) RETURN s.id AS id, s.dataset AS dataset, properties(s) AS props
