"""Use cases: the only layer that opens transactions; CLI and web call these."""
