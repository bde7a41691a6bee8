"""The documents layer (see DESIGN.md, Architecture)."""
