// The relations any dataset's `contradicts` names (write/tally_disputes' `wanted`), by element
// id on the lock node, counted again from every relation: an id names the relations of every
// dataset that has it, so a load of one dataset can add to what another's claims contradict.
// Nothing is read when no claim contradicts another.
CALL () {
  MATCH (t:DisputeTally)
  UNWIND t.wanted AS id
  RETURN collect(DISTINCT id) AS wanted
}
CALL (wanted) {
  WITH wanted WHERE size(wanted) > 0
  MATCH ()-[o]->()
  WHERE o.id IN wanted
  RETURN elementId(o) AS named
}
WITH collect(named) AS named
MATCH (lock:LoadLock {id: 'loads'})
SET lock.disputes_named = named
