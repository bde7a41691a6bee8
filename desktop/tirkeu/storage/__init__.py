"""The storage layer (see DESIGN.md, Architecture)."""
