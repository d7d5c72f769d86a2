"""Lessons of the part storage."""
