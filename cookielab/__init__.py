"""Cookie Lab: lessons that show how the web remembers people."""

__version__ = "0.1.0"
