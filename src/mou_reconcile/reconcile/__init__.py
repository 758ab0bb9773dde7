"""Reconciling a checked corpus: fact by fact, which sources disagree and how (the kinds in
`kinds/`), which copy each other, what is corroborated."""
