"""Catalogues the reader matches source text against: SDGs and responsible roles."""
