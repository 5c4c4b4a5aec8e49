"""Settings per environment: base holds everything, the others differ by environment."""
