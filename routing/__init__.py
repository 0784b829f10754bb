"""Pure routing and working-day deadlines (no I/O, no clock)."""
