"""fazhi: the machinery of law-based government for a county-level city."""
