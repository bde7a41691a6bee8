"""The sync layer (see DESIGN.md, Architecture)."""
