"""Public participation: consultations (意见征集) and the public's say on disclosure."""
