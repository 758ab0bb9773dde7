"""Text: folding for matching, articles as lines and paragraphs, quotes, numbers and dates
in prose. The lowest stage: imports nothing else of the package."""
