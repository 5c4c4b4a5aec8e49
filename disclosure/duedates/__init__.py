"""Due dates that follow the calendar: recomputed when it changes, the bodies told."""
