"""The ui layer (see DESIGN.md, Architecture)."""
