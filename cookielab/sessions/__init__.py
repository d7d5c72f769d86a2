"""Session plumbing that keeps working (or fails clearly) when the cache behind sessions is down."""
