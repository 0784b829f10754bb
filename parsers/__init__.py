"""Pure document parsers: bytes of a form in, a validated record out (no I/O, no clock)."""
