// Every source, with what ties it to others: the source that carried it (`via`), the actor it
// speaks for (`party`), the other datasets' accounts of it (JSON, which may say both), and
// whether a relation cites it (graph.loader.datasets: what a drop must keep).
CALL () {
  MATCH ()-[r]->() WHERE r.sources IS NOT NULL
  UNWIND r.sources AS id
  RETURN collect(DISTINCT id) AS cited
}
MATCH (s:Source)
RETURN s.id AS id, s.dataset AS dataset, s.via AS via, s.party AS party, s.accounts AS accounts,
       s.id IN cited OR s.account_datasets IS NOT NULL AS used
