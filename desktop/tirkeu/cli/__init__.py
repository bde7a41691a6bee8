"""The cli layer (see DESIGN.md, Architecture)."""
