"""The domain layer (see DESIGN.md, Architecture)."""
