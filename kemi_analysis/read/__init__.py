"""Reading: the raw report text and the analysts' annotation files into checked tables."""
