// The sources of an exported view. $rows: [{id, props}] written as a literal by the exporter.
UNWIND $rows AS row MERGE (s:Source {id: row.id}) SET s = row.props;
