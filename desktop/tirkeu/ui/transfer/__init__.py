"""The Transfer menu: bundles to the district and its acknowledgements back (issue 6)."""
