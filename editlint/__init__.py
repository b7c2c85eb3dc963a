"""editlint: an editorial linter for news articles."""

__version__ = "0.1.0"
