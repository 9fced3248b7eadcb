"""The version, in one place (read by pyproject and recorded in every signature)."""

__version__ = "0.1.0"
