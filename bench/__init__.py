"""`make bench`: Cookie Lab's speed, measured against the lecture's own Express stack in one run."""
