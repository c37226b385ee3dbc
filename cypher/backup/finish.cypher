// The restore succeeded: drop the bookkeeping.
MATCH (n:Restoring)
CALL (n) { REMOVE n:Restoring, n._restore } IN TRANSACTIONS OF 10000 ROWS
