"""The yearly report: sections computed as data, figures, HTML templates, and the notebook runner."""
