"""Reading a story: the claims file (YAML with positions, limits), its models, and the
articles it points to, into one Corpus. Imports only `text` and the shared problems."""
