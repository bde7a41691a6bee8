"""Amendments of registered act records in the main window (issue 12)."""
