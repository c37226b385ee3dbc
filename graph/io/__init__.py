"""Readers of dataset files (YAML, CSV) that remember where every value came from."""
