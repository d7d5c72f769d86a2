"""Django's SQLite backend with writers that queue instead of sleeping (see base.py)."""
