// The restore failed: remove everything it wrote, so the database is empty again.
MATCH (n:Restoring)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS
