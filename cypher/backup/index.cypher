// A temporary index so restored relationships find their ends quickly.
CREATE INDEX restoring_number IF NOT EXISTS FOR (n:Restoring) ON (n._restore)
