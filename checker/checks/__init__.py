"""Checks: clusters and documents turned into findings; fingerprints and baselines."""
