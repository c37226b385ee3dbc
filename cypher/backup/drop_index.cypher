DROP INDEX restoring_number IF EXISTS
