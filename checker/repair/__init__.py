"""Repair: damaged text to clean Simplified text, with offset maps back to the original."""
