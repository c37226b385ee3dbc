// Restore nodes; :Restoring and _restore (their number in the dump) let relationships find
// them, and are removed at the end. Labels are checked words.
UNWIND $rows AS row
CREATE (n:Restoring)
SET n = row.props, n._restore = row.n
SET n:$(row.labels)
RETURN count(n) AS made
