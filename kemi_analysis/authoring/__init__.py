"""Authoring a new year's annotations: matching metric ids to the previous year's, and drafting."""

#: Matching scores (0-100) at or above this are proposed as the same metric (see :mod:`.matching`).
MATCH_THRESHOLD = 65.0
