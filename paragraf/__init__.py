"""Paragraf: political decision-making records for Swedish regions and municipalities."""

__version__ = "0.1.0"
