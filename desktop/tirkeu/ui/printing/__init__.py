"""Printing documents on the office printer and the blank stock windows."""
