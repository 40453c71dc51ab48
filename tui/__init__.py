"""reportdiff's Textual app: a thin layer over the ``compare`` core."""
