"""The parse stage: dataset files (YAML, CSV) and feeds (ACLED) read into raw records that
remember the file, line and field of every value. Nothing is validated here."""
