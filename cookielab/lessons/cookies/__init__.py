"""Lessons of the part cookies."""
