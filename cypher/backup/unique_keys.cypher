// The database's uniqueness constraints on nodes, so a restore can find duplicates before writing.
SHOW CONSTRAINTS YIELD type, entityType, labelsOrTypes, properties
WHERE entityType = 'NODE' AND type IN ['UNIQUENESS', 'NODE_KEY']
RETURN labelsOrTypes[0] AS label, properties
