"""The Reports window: monthly report, act record book, blank stock and deadlines."""
