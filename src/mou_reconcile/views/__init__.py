"""The editors' and curators' views of a reconciliation: diff, matrix, sources, timeline,
explain, extract, coverage, ClaimReview. Each builds plain data for the reporters."""
