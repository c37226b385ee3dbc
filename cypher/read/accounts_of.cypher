// Who says what of one entity: the dataset that defined it, and the others' accounts.
MATCH (n:Entity {id: $id})
RETURN n.dataset AS dataset, n.name AS name, n.kind AS kind, coalesce(n.aliases, []) AS aliases,
       n.description AS description, n.accounts AS accounts
