"""Synthetic corpora for the benchmarks: an invented world (cities, agencies, companies),
stories told by several sources, articles and a claims file that `check` finds clean, and a
manifest of the discrepancies planted in it."""
