"""Base layer: what every other layer uses and that knows nothing of them.

errors (refusals with an exit code), diagnostics (codes, messages, formats), text (NFC, folding,
slugs), config (mkdocs.yml read once), urls (every URL rule), vietnamese (dates, names and
status words as readers see them).
"""
