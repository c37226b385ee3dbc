// States and agencies that support armed groups, coalitions or armed forces: who backs whom,
// how (subtype), since when, and on whose word.
// @param datasets: list = []          only relations of these datasets (all when none given)
// @param exclude_datasets: list = []  leave out relations of these datasets
// @param claimants: entities = []         only relations these actors claim (any id, name or alias)
// @param exclude_claimants: entities = [] leave out relations these actors claim
MATCH (backer:Actor)-[r:SUPPORTS]->(group:Actor)
WHERE (backer:State OR backer:Agency)
  AND (group:ArmedGroup OR group:Coalition OR group:ArmedForce)
  AND @of_datasets AND @of_claimants
RETURN backer.name AS backer, backer.kind AS backer_kind, group.name AS group,
       r.subtype AS subtype, r.since AS since, r.until AS until, r.claimant AS claimant,
       r.credibility AS credibility, r.confidence AS confidence
ORDER BY group, backer, since
