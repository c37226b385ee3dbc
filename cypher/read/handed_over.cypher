// What $dataset defines no more ($keep, $keep_sources: the ids it still defines) that other
// datasets keep an account of: each passes to one of them (graph.loader.accounts.hand_over).
MATCH (n)
WHERE n.dataset = $dataset AND n.account_datasets IS NOT NULL
  AND ((n:Entity AND NOT n.id IN $keep) OR (n:Source AND NOT n.id IN $keep_sources))
RETURN elementId(n) AS eid, n.id AS id, n:Source AS source, n.accounts AS accounts,
       [label IN labels(n) WHERE label <> 'Entity'] AS labels
