"""The district registry's side of sync: its database, intake and network server."""
