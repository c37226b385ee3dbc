// Delete stored relations the dataset no longer has. $eids: element ids.
UNWIND $eids AS eid
MATCH ()-[r]->() WHERE elementId(r) = eid
DELETE r
RETURN count(*) AS count
