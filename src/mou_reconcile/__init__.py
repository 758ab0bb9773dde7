"""mou-reconcile: show where news sources disagree about the facts of a story."""

__version__ = "0.1.0"
