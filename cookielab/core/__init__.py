"""Cookie Lab's library: what the lessons are built on. Nothing here imports a lesson."""
