"""Lessons of the part tools: appendices to use beside the course."""
