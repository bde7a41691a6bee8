"""Tirkeu: offline registration of births for rural akimat offices (Order No. 429)."""

__version__ = "0.1.0"
