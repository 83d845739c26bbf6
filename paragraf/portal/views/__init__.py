"""Public pages of the portal, one module per kind of page."""
