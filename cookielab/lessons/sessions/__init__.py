"""Lessons of the part sessions."""
