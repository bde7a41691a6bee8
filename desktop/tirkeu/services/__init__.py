"""The services layer (see DESIGN.md, Architecture)."""
