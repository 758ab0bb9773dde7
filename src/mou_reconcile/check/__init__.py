"""Checking a corpus: references resolve, quotes stand in their articles, values stand in
their quotes, alias hints. Produces the problems `check` prints."""
