"""UNGA-LD: United Nations General Assembly documents as validated linked open data."""

__version__ = "0.1.0"
