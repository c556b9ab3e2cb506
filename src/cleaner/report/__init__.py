"""Report formats: JSON and CSV for every run; review and CI formats build on the same rows."""
