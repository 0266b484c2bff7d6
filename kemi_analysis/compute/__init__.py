"""Computing: a data folder's years loaded, achievement per metric, and changes between years."""
