"""The registration wizard of a birth and its actions in the main window (issue 4)."""
