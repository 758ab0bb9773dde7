"""The benchmark runner's parts: running commands (proc), the targets (startup, scale,
cache, progress), checking a report against a manifest (verify) and the table (table)."""
