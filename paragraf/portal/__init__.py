"""Portal: the public pages (reads `records`; nothing depends on it)."""
