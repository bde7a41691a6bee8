"""Staff accounts, password changes, the idle lock and the audit log view (issue 7)."""
