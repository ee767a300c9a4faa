"""The rules crosscheck ships with, as the package data `checker.rules` (see README.md)."""
