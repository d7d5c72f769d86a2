"""Lessons of the part security."""
