// Actors, places and events of one set of labels. $labels: checked labels (Actor:ArmedGroup).
UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n = row.props, n:$labels;
