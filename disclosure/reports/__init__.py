"""Reports on disclosure work: the quarterly progress report."""
