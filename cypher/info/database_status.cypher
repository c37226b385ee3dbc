// Runs on the system database, which answers while a user database cannot: the state of the
// database named $name, or of the default database when $name is null.
SHOW DATABASES YIELD name, currentStatus, statusMessage, default
WHERE name = $name OR ($name IS NULL AND default)
RETURN name, currentStatus, statusMessage
